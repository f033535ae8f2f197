#include "render/world_screen.hpp"

#include <algorithm>
#include <cmath>

#include "render/arming_dialog_painter.hpp"
#include "render/callout_painter.hpp"
#include "render/effects_player.hpp"
#include "render/frame_context.hpp"
#include "render/help_overlay_painter.hpp"
#include "render/hud_painter.hpp"
#include "render/map_painter.hpp"
#include "render/menu_painter.hpp"
#include "render/meshling_painter.hpp"
#include "render/objectives_painter.hpp"
#include "render/pod_painter.hpp"
#include "render/pod_tooltip_painter.hpp"
#include "render/result_painter.hpp"
#include "render/weights_panel_painter.hpp"

namespace meshlings::render {

WorldScreen::WorldScreen(Canvas& canvas)
    : m_canvas(canvas),
      m_effects(std::make_unique<EffectsPlayer>()),
      m_map(std::make_unique<MapPainter>(canvas, *m_effects)),
      m_pods(std::make_unique<PodPainter>(canvas, *m_effects)),
      m_meshlings(std::make_unique<MeshlingPainter>(canvas)),
      m_hud(std::make_unique<HudPainter>(canvas)),
      m_weightsPanel(std::make_unique<WeightsPanelPainter>(canvas)),
      m_help(std::make_unique<HelpOverlayPainter>(canvas)),
      m_result(std::make_unique<ResultPainter>(canvas)),
      m_tooltip(std::make_unique<PodTooltipPainter>(canvas)),
      m_objectives(std::make_unique<ObjectivesPainter>(canvas, *m_effects)),
      m_callout(std::make_unique<CalloutPainter>(canvas, *m_effects)),
      m_arming(std::make_unique<ArmingDialogPainter>(canvas)),
      m_menu(std::make_unique<MenuPainter>(canvas)) {}

WorldScreen::~WorldScreen() = default;

world::EffectSink& WorldScreen::effects() {
    return *m_effects;
}

void WorldScreen::draw(const world::World& world, double alpha, const PlayerUi& ui) {
    const float a = static_cast<float>(std::clamp(alpha, 0.0, 1.0));
    const double ticks = static_cast<double>(world.now().value) + static_cast<double>(a);
    const auto ms = static_cast<std::uint64_t>(ticks * 1000.0 / static_cast<double>(world::kTicksPerSecond));
    const FrameContext frame{world, ui, a, ms};
    m_effects->advance(ms);
    m_canvas.beginFrame(kTilePixels);

    // After the end the figures stand still at the tick the level ended (when the app froze them).
    const world::HudFigures hud = ui.finalHud ? *ui.finalHud : world.hud();
    m_map->draw(frame);
    m_pods->draw(frame);
    m_meshlings->draw(frame);
    m_effects->draw(m_canvas);
    m_hud->draw(frame, hud);
    m_objectives->draw(frame, hud);
    if (!ui.resultVisible) m_callout->draw();
    if (!ui.resultVisible && !ui.helpVisible && !ui.menu && !ui.weightsPanelOpen) {
        m_tooltip->draw(frame, {m_hud->figuresPanel(), ObjectivesPainter::kPanel});
    }
    m_weightsPanel->draw(frame);
    m_result->draw(frame, hud);
    m_help->draw(frame);
    m_arming->draw(frame);
    m_menuDrawn = ui.menu.has_value();
    if (ui.menu) m_menu->draw(*ui.menu);
}

SDL_FPoint WorldScreen::toLogical(int windowX, int windowY) const {
    // HiDPI: the renderer's output may be larger than the window's size.
    const SDL_Point output = m_canvas.viewport().outputSize();
    float sx = 1.0F;
    float sy = 1.0F;
    if (SDL_Window* window = SDL_RenderGetWindow(m_canvas.renderer().get())) {
        int ww = 0;
        int wh = 0;
        SDL_GetWindowSize(window, &ww, &wh);
        if (ww > 0 && wh > 0 && output.x > 0 && output.y > 0) {
            sx = static_cast<float>(output.x) / static_cast<float>(ww);
            sy = static_cast<float>(output.y) / static_cast<float>(wh);
        }
    }
    const SDL_Point pixel{static_cast<int>(std::floor(static_cast<float>(windowX) * sx)),
                          static_cast<int>(std::floor(static_cast<float>(windowY) * sy))};
    return m_canvas.viewport().toLogical(pixel);
}

std::optional<world::Vec2> WorldScreen::tileAt(int windowX, int windowY) const {
    const SDL_FPoint p = toLogical(windowX, windowY);
    if (p.x < 0 || p.y < 0 || p.x >= static_cast<float>(kLogicalWidth) || p.y >= static_cast<float>(kLogicalHeight)) {
        return std::nullopt;
    }
    return world::Vec2{p.x / static_cast<float>(kTilePixels), p.y / static_cast<float>(kTilePixels)};
}

int WorldScreen::weightsPanelSlotAt(int windowX, int windowY) const {
    const SDL_FPoint p = toLogical(windowX, windowY);
    return m_weightsPanel->slotAt(p.x, p.y);
}

int WorldScreen::choiceAt(int windowX, int windowY) const {
    const SDL_FPoint p = toLogical(windowX, windowY);
    return m_menuDrawn ? m_menu->itemAt(p.x, p.y) : m_result->choiceAt(p.x, p.y);
}

std::optional<int> WorldScreen::weightsPanelValueAt(int windowX) const {
    const SDL_FPoint p = toLogical(windowX, 0);
    return m_weightsPanel->valueAt(p.x);
}

}  // namespace meshlings::render
