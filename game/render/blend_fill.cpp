#include "render/blend_fill.hpp"

#include <cstdint>

namespace meshlings::render {

namespace {

constexpr unsigned mul255(unsigned a, unsigned b) {
    return a * b / 255;
}

// One pixel: each channel dst * (255 - a) / 255, plus the premultiplied colour.
inline Uint32 blendPixel(Uint32 p, unsigned inverse, Uint32 premultiplied) {
    const Uint32 r = div255(inverse * ((p >> 16) & 0xFFU));
    const Uint32 g = div255(inverse * ((p >> 8) & 0xFFU));
    const Uint32 b = div255(inverse * (p & 0xFFU));
    return ((r << 16) | (g << 8) | b) + premultiplied;
}

void blendRow(Uint32* row, int count, unsigned inverse, Uint32 premultiplied) {
    int x = 0;
#ifdef __SSE2__
    // Four pixels at a time: bytes widened to 16 bits, multiplied, divided as above, narrowed.
    const __m128i zero = _mm_setzero_si128();
    const __m128i inv = _mm_set1_epi16(static_cast<short>(inverse));
    const __m128i add = _mm_set1_epi32(static_cast<int>(premultiplied));
    const __m128i rgb = _mm_set1_epi32(0x00FFFFFF);
    for (; x + 4 <= count; x += 4) {
        const __m128i p = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + x));
        const __m128i lo = div255Lanes(_mm_mullo_epi16(_mm_unpacklo_epi8(p, zero), inv));
        const __m128i hi = div255Lanes(_mm_mullo_epi16(_mm_unpackhi_epi8(p, zero), inv));
        const __m128i blended = _mm_add_epi8(_mm_packus_epi16(lo, hi), add);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(row + x), _mm_and_si128(blended, rgb));
    }
#endif
    for (; x < count; ++x) row[x] = blendPixel(row[x], inverse, premultiplied);
}

}  // namespace

bool isXrgb8888(const SDL_Surface* surface) {
    return isXrgb8888(surface->format);
}

bool isXrgb8888(const SDL_PixelFormat* f) {
    return f->BytesPerPixel == 4 && f->Amask == 0 && f->Rmask == 0x00FF0000U && f->Gmask == 0x0000FF00U &&
           f->Bmask == 0x000000FFU;
}

void blendFillXrgb8888(SDL_Surface* surface, const SDL_Rect& rect, SDL_Color color) {
    // Each channel: dst * (255 - a) / 255 + colour * a / 255; the sum never passes 255.
    const unsigned inverse = 255U - color.a;
    const Uint32 premultiplied =
        (mul255(color.r, color.a) << 16) | (mul255(color.g, color.a) << 8) | mul255(color.b, color.a);
    auto* base = static_cast<std::uint8_t*>(surface->pixels);
    for (int y = rect.y; y < rect.y + rect.h; ++y) {
        auto* row = reinterpret_cast<Uint32*>(base + static_cast<std::ptrdiff_t>(y) * surface->pitch);
        blendRow(row + rect.x, rect.w, inverse, premultiplied);
    }
}

}  // namespace meshlings::render
