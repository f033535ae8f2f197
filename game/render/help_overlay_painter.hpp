#pragma once
// The help overlay: every control from the app's input table (ui.helpLines:
// keys or buttons, then the action) in two columns over a dimmed map, plus
// a legend of what the pod and meshling looks mean. Stateless; owned by
// WorldScreen.
#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class HelpOverlayPainter {
public:
    static constexpr SDL_Rect kPanel{70, 34, 500, 290};

    explicit HelpOverlayPainter(Canvas& canvas);

    void draw(const FrameContext& frame);

private:
    void drawLegend(const FrameContext& frame, int x, int y);

    Canvas& m_canvas;
};

}  // namespace meshlings::render
