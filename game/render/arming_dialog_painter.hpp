#pragma once
// The arming dialog: "ARM THIS SESSION?" over a dimmed map, naming what
// would be changed for real (context, cluster server, namespace, from
// ui.armingContext), with the confirm and cancel keys. Orange edge: this
// is the one screen that turns a dry run into real changes. Stateless;
// owned by WorldScreen.
#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class ArmingDialogPainter {
public:
    static constexpr SDL_Rect kPanel{120, 90, 400, 170};  // its height and place follow the text

    explicit ArmingDialogPainter(Canvas& canvas) : m_canvas(canvas) {}

    void draw(const FrameContext& frame);

private:
    Canvas& m_canvas;
};

}  // namespace meshlings::render
