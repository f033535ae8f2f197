#pragma once
// The help overlay: every control from the app's input table (ui.helpLines:
// keys or buttons, then the action) in two columns over a dimmed map, plus
// a legend of what the pod and meshling looks mean, laid out from measured
// text (keys in a column as wide as the widest, the legend as many to a row
// as fit). Stateless; owned by WorldScreen.
#include <string>
#include <utility>
#include <vector>

#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class HelpOverlayPainter {
public:
    static constexpr SDL_Rect kPanel{70, 34, 500, 290};

    explicit HelpOverlayPainter(Canvas& canvas);

    void draw(const FrameContext& frame);

private:
    void drawControls(const std::vector<std::pair<std::string, std::string>>& lines, float top, float bottom);
    float drawLegend(const FrameContext& frame, bool dryRun, float top);

    Canvas& m_canvas;
};

}  // namespace meshlings::render
