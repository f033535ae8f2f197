#pragma once
// The game screen: draws a `const world::World&` each frame (the Bookinfo
// map, pods, meshlings, effects, the HUD) plus the app's PlayerUi (weights
// panel, help, tooltip, result screen, banner, the pause menu), and maps the mouse back to
// map tiles and panel sliders. The world is 40x22 tiles of 16 px, so the
// Canvas it draws on must use playfieldViewport() (640x360 logical: scale 2
// at 1280x720, 3 at 1080p, 6 at 4K; 1.6 at 1024x768 and 1.25 at 800x600,
// nearest-neighbour, filling the width with bars above and below). Owns the painters and the effects
// player; holds a reference to the Canvas, which must outlive it.
//
// Use (the app loop):
//   Canvas canvas(renderer, atlas, text, WorldScreen::playfieldViewport());
//   WorldScreen screen(canvas);                       // before the World
//   World world(level, seed, screen.effects());      // screen outlives world's steps
//   each frame: screen.draw(world, alpha, ui); renderer.present();
// draw() begins the frame itself (Canvas::beginFrame: fits the viewport to
// the renderer's output size and clears it).
#include <memory>
#include <optional>

#include "render/canvas.hpp"
#include "render/player_ui.hpp"
#include "render/viewport.hpp"
#include "world/model/effect_sink.hpp"
#include "world/model/vec2.hpp"
#include "world/model/world.hpp"

namespace meshlings::render {

class EffectsPlayer;
class MapPainter;
class PodPainter;
class MeshlingPainter;
class HudPainter;
class WeightsPanelPainter;
class HelpOverlayPainter;
class ArmingDialogPainter;
class ResultPainter;
class MenuPainter;
class PodTooltipPainter;
class ObjectivesPainter;
class CalloutPainter;

class WorldScreen {
public:
    static constexpr int kTilePixels = 16;
    static constexpr int kLogicalWidth = world::BookinfoMap::kWidthTiles * kTilePixels;  // 640
    static constexpr int kLogicalHeight = 360;                                           // 22 tiles (352) and a margin

    // The viewport the Canvas given to WorldScreen must be made with.
    static Viewport playfieldViewport() { return Viewport(kLogicalWidth, kLogicalHeight); }

    explicit WorldScreen(Canvas& canvas);
    ~WorldScreen();
    WorldScreen(const WorldScreen&) = delete;
    WorldScreen& operator=(const WorldScreen&) = delete;

    // The sink to pass to the World's constructor: effects become particles,
    // shakes, flashes and "+1"s on the next frames. Valid for the screen's life.
    world::EffectSink& effects();

    // One frame; alpha in [0, 1] is the fraction of a tick since the last step.
    void draw(const world::World& world, double alpha, const PlayerUi& ui);

    // Window pixels (SDL mouse coordinates) to map tile coordinates (fractions
    // kept; feed to world.pods().podAt). Empty outside the playfield.
    // Accounts for HiDPI (renderer output larger than the window).
    std::optional<world::Vec2> tileAt(int windowX, int windowY) const;

    // The weights panel's slider under a window pixel: 0 v1, 1 v2, 2 v3, or
    // -1 when none (or the panel was not drawn open on the last frame).
    int weightsPanelSlotAt(int windowX, int windowY) const;
    // The percentage (0..100) a window x stands for on the panel's sliders,
    // for dragging: press on a slot, then set that slot's weight to this
    // value on every mouse move. Empty when the panel was not drawn open.
    std::optional<int> weightsPanelValueAt(int windowX) const;

    // The choice under a window pixel on what was drawn last: the open menu's item (ui.menu) when one was
    // drawn, else the result screen's button; -1 when none.
    int choiceAt(int windowX, int windowY) const;
    const MenuPainter& menuPainter() const { return *m_menu; }
    const ResultPainter& resultPainter() const { return *m_result; }

    // The crowd's painter (the tests and the bench turn its culling off and read its counts).
    MeshlingPainter& meshlingPainter() { return *m_meshlings; }

private:
    SDL_FPoint toLogical(int windowX, int windowY) const;

    Canvas& m_canvas;
    std::unique_ptr<EffectsPlayer> m_effects;
    std::unique_ptr<MapPainter> m_map;
    std::unique_ptr<PodPainter> m_pods;
    std::unique_ptr<MeshlingPainter> m_meshlings;
    std::unique_ptr<HudPainter> m_hud;
    std::unique_ptr<WeightsPanelPainter> m_weightsPanel;
    std::unique_ptr<HelpOverlayPainter> m_help;
    std::unique_ptr<ResultPainter> m_result;
    std::unique_ptr<PodTooltipPainter> m_tooltip;
    std::unique_ptr<ObjectivesPainter> m_objectives;
    std::unique_ptr<CalloutPainter> m_callout;
    std::unique_ptr<ArmingDialogPainter> m_arming;
    std::unique_ptr<MenuPainter> m_menu;
    bool m_menuDrawn = false;
};

}  // namespace meshlings::render
