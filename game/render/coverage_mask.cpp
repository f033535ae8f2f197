#include "coverage_mask.hpp"

#include <algorithm>

namespace meshlings::render {

void CoverageMask::reset(int width, int height) {
    m_width = std::max(0, width);
    m_height = std::max(0, height);
    m_words = (m_width + 63) / 64 + 1;
    m_bits.assign(static_cast<std::size_t>(m_words) * static_cast<std::size_t>(m_height), 0);
}

bool CoverageMask::cover(int x, int y, const std::uint64_t* rows, int count, int repeat) {
    if (x >= m_width) return false;
    // Left of the output: those bits are off screen; drop them.
    const int drop = x < 0 ? -x : 0;
    if (drop >= 64) return false;
    const int left = x + drop;
    const auto word = static_cast<std::size_t>(left / 64);
    const int shift = left % 64;
    // Past the right edge: only bits inside the output count as uncovered.
    const int inside = m_width - left;
    const std::uint64_t visible = inside >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << inside) - 1;
    // Output rows [first, end) of the sprite's count * repeat, inside the output.
    const int first = std::max(0, -y);
    const int end = std::min(count * repeat, m_height - y);
    if (first >= end) return false;
    const auto words = static_cast<std::size_t>(m_words);
    std::uint64_t* line = m_bits.data() + static_cast<std::size_t>(y + first) * words + word;
    std::uint64_t fresh = 0;  // bits not covered before, of all rows
    for (int row = first; row < end;) {
        const std::uint64_t mask = (rows[row / repeat] >> drop) & visible;
        const std::uint64_t low = mask << shift;
        const std::uint64_t high = (mask >> 1) >> (63 - shift);  // mask >> (64 - shift), 0 when shift is 0
        // The output rows this mask stands for (shifted once for all of them).
        const int until = std::min(end, (row / repeat + 1) * repeat);
        for (; row < until; ++row, line += words) {
            fresh |= (low & ~line[0]) | (high & ~line[1]);
            line[0] |= low;
            line[1] |= high;
        }
    }
    return fresh != 0;
}

}  // namespace meshlings::render
