#pragma once
// The result screen drawn over the map when the level ends (ui.resultVisible):
// won, lost or the sandbox's summary, each objective with its verdict, and
// the session's figures (requests, served, degraded, lost, success, p99).
// Stateless; owned by WorldScreen.
#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class ResultPainter {
public:
    static constexpr SDL_Rect kPanel{140, 60, 360, 230};

    explicit ResultPainter(Canvas& canvas);

    void draw(const FrameContext& frame, const world::HudFigures& hud);

private:
    Canvas& m_canvas;
};

}  // namespace meshlings::render
