#pragma once
// Draws the meshlings at their interpolated positions (positionAt(alpha)):
// the walk cycle with the badge of the reviews version that answered them
// (none for v1, black star v2, red star v3), grey and limping past the part
// that failed on a degraded page, the pop where a failed request died, and
// flipped when walking left. Stateless; owned by WorldScreen.
#include <string_view>

#include "canvas.hpp"
#include "frame_context.hpp"

namespace meshlings::render {

class MeshlingPainter {
public:
    static constexpr int kWidth = 8;
    static constexpr int kHeight = 10;

    explicit MeshlingPainter(Canvas& canvas);

    void draw(const FrameContext& frame);
    static std::string_view spriteFor(const world::Meshling& meshling);

private:
    Canvas& m_canvas;
};

}  // namespace meshlings::render
