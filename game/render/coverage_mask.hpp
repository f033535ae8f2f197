#pragma once
// One bit per output pixel: which pixels something opaque has already been
// drawn over. MeshlingPainter walks its crowd from the top of the pile
// (drawn last) down and draws only the meshlings with an opaque pixel no
// one above them covers: the frame is then exactly the one drawing every
// meshling gives, with a fraction of the copies where the walkways are
// packed. Plain arithmetic, no SDL.
#include <cstdint>
#include <vector>

namespace meshlings::render {

class CoverageMask {
public:
    // All clear, for an output of this size.
    void reset(int width, int height);

    // A sprite at output position (x, y) whose `count` rows of masks each
    // stand for `repeat` output rows (a sprite row magnified): bit i of mask
    // r set when output pixels (x + i, y + r * repeat ...) are opaque (at
    // most 64 wide). True when one of those pixels inside the output was not
    // covered yet; they are all covered afterwards either way.
    bool cover(int x, int y, const std::uint64_t* rows, int count, int repeat = 1);

private:
    int m_width = 0;
    int m_height = 0;
    int m_words = 0;  // per row, one spare so a mask may run past the right edge
    std::vector<std::uint64_t> m_bits;
};

}  // namespace meshlings::render
