#pragma once
// Draws the meshlings at their interpolated positions (positionAt(alpha)):
// the walk cycle with the badge of the reviews version that answered them
// (none for v1, black star v2, red star v3), grey and limping past the part
// that failed on a degraded page, the pop where a failed request died, and
// flipped when walking left. Where a crowd stands on top of itself, only
// the kMaxPerCell meshlings drawn last (on top) in each kCell x kCell patch
// of the map are drawn: the ones beneath would be covered all but a pixel
// or two, and drawing them cost most of a 10,000-meshling frame. The dying
// are always drawn. Keeps only scratch buffers between frames; owned by
// WorldScreen.
#include <cstdint>
#include <string_view>
#include <vector>

#include "canvas.hpp"
#include "frame_context.hpp"

namespace meshlings::render {

class MeshlingPainter {
public:
    static constexpr int kWidth = 8;
    static constexpr int kHeight = 10;
    static constexpr int kCell = 2;        // logical pixels
    static constexpr int kMaxPerCell = 2;  // drawn per cell, the topmost

    explicit MeshlingPainter(Canvas& canvas);

    void draw(const FrameContext& frame);
    static std::string_view spriteFor(const world::Meshling& meshling);

private:
    struct Placed {
        const world::Meshling* meshling;
        world::Vec2 feet;  // logical pixels
        bool draw;
    };
    // Marks which meshlings are drawn: the dying, and the topmost kMaxPerCell of each cell.
    void cull();

    Canvas& m_canvas;
    std::vector<Placed> m_placed;
    std::vector<std::uint8_t> m_perCell;
};

}  // namespace meshlings::render
