#pragma once
// The callout of a level event or a scripted chaos step ("reviews-v3 starts
// failing (80 %)"): a yellow banner with a warning mark under the top bar,
// over the map left of the figures panel, for EffectsPlayer::kCalloutMs after
// the World emitted the Event message (the log keeps the line). Sized from
// its measured text, wrapped to two lines at most. Stateless; owned by WorldScreen.
#include "render/canvas.hpp"
#include "render/effects_player.hpp"

namespace meshlings::render {

class CalloutPainter {
public:
    static constexpr SDL_Rect kArea{8, 20, 454, 0};  // left of the figures panel, under the top bar

    CalloutPainter(Canvas& canvas, const EffectsPlayer& effects) : m_canvas(canvas), m_effects(effects) {}

    void draw();

private:
    Canvas& m_canvas;
    const EffectsPlayer& m_effects;
};

}  // namespace meshlings::render
