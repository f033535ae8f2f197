#pragma once
// The bottom strip of the HUD: the level's objectives (a status mark that
// differs in shape, the text, the progress and a bar) on the left and the
// latest messages of the world (deletes, refusals, objectives met) on the
// right, fading out. Stateless; owned by WorldScreen.
#include <string>

#include "render/canvas.hpp"
#include "render/effects_player.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class ObjectivesPainter {
public:
    static constexpr SDL_Rect kPanel{136, 306, 500, 52};
    static constexpr int kSplitX = 396;  // objectives left of it, messages right

    ObjectivesPainter(Canvas& canvas, const EffectsPlayer& effects);

    void draw(const FrameContext& frame, const world::HudFigures& hud);

    // "[ok]"-like marks that read without colour: check, cross, arrow, warning.
    static std::string mark(const world::ObjectiveProgress& progress);
    static PaletteColor color(const world::ObjectiveProgress& progress);

private:
    void drawObjectives(const world::HudFigures& hud);
    void drawMessages(const world::HudFigures& hud);

    Canvas& m_canvas;
    const EffectsPlayer& m_effects;
};

}  // namespace meshlings::render
