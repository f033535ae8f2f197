#include "render/coverage_mask.hpp"

#include <algorithm>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace meshlings::render {

namespace {

// Two neighbouring words of a row, in one SSE2 register where there is one.
#ifdef __SSE2__
using Bits = __m128i;
inline Bits zero() {
    return _mm_setzero_si128();
}
inline Bits pair(std::uint64_t low, std::uint64_t high) {
    return _mm_set_epi64x(static_cast<long long>(high), static_cast<long long>(low));
}
inline Bits load(const std::uint64_t* at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
}
inline void store(std::uint64_t* at, Bits bits) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(at), bits);
}
inline Bits orBits(Bits a, Bits b) {
    return _mm_or_si128(a, b);
}
inline Bits andNot(Bits a, Bits b) {
    return _mm_andnot_si128(a, b);
}  // b and not a
inline bool any(Bits bits) {
    return _mm_movemask_epi8(_mm_cmpeq_epi8(bits, _mm_setzero_si128())) != 0xFFFF;
}
#else
struct Bits {
    std::uint64_t low;
    std::uint64_t high;
};
inline Bits zero() {
    return {0, 0};
}
inline Bits pair(std::uint64_t low, std::uint64_t high) {
    return {low, high};
}
inline Bits load(const std::uint64_t* at) {
    return {at[0], at[1]};
}
inline void store(std::uint64_t* at, Bits bits) {
    at[0] = bits.low;
    at[1] = bits.high;
}
inline Bits orBits(Bits a, Bits b) {
    return {a.low | b.low, a.high | b.high};
}
inline Bits andNot(Bits a, Bits b) {
    return {b.low & ~a.low, b.high & ~a.high};
}
inline bool any(Bits bits) {
    return (bits.low | bits.high) != 0;
}
#endif

// A mask shifted to its place in two neighbouring words.
inline Bits placed(std::uint64_t mask, int shift) {
    return pair(mask << shift, (mask >> 1) >> (63 - shift));  // high: mask >> (64 - shift), or 0
}

// Covers the rows of a sprite that lies wholly inside the output's rows,
// each mask standing for Repeat rows: no per-row bounds, the inner loop
// unrolled. Returns the bits that were not covered before.
template <int Repeat>
Bits coverWhole(std::uint64_t* line, std::size_t words, const std::uint64_t* rows, int count, int drop,
                std::uint64_t visible, int shift) {
    Bits fresh = zero();
    for (int spriteRow = 0; spriteRow < count; ++spriteRow) {
        const Bits bits = placed((rows[spriteRow] >> drop) & visible, shift);
        for (int r = 0; r < Repeat; ++r, line += words) {
            const Bits covered = load(line);
            fresh = orBits(fresh, andNot(covered, bits));
            store(line, orBits(covered, bits));
        }
    }
    return fresh;
}

}  // namespace

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
    if (first == 0 && end == count * repeat) {
        switch (repeat) {
            case 1:
                return any(coverWhole<1>(line, words, rows, count, drop, visible, shift));
            case 2:
                return any(coverWhole<2>(line, words, rows, count, drop, visible, shift));
            case 3:
                return any(coverWhole<3>(line, words, rows, count, drop, visible, shift));
            default:
                break;
        }
    }
    Bits fresh = zero();  // bits not covered before, of all rows
    for (int spriteRow = first / repeat; spriteRow * repeat < end; ++spriteRow) {
        // Shifted once for the output rows this mask stands for.
        const Bits bits = placed((rows[spriteRow] >> drop) & visible, shift);
        const int until = std::min(end, (spriteRow + 1) * repeat);
        for (int row = std::max(first, spriteRow * repeat); row < until; ++row, line += words) {
            const Bits covered = load(line);
            fresh = orBits(fresh, andNot(covered, bits));
            store(line, orBits(covered, bits));
        }
    }
    return any(fresh);
}

}  // namespace meshlings::render
