#pragma once
// A translucent rectangle blended straight into an XRGB8888 surface (the
// window's usual format under X11) with the arithmetic of SDL's own
// SDL_BlendFillRect for that format (SDL_draw.h: the colour premultiplied,
// each channel dst * (255 - a) / 255 + premultiplied, integer division), so
// the pixels are the ones SDL would write. SDL's version costs several times
// as much per pixel, and the HUD's panels and the map's grid are large.
#include <SDL.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace meshlings::render {

// v / 255 for v = a * b with a, b <= 255, as (v + 1 + (v >> 8)) >> 8: the
// same quotient for every such v (all 65,536 checked), without dividing;
// SDL's blitters divide by 255 the same way.
constexpr Uint32 div255(Uint32 v) {
    return (v + 1 + (v >> 8)) >> 8;
}

#ifdef __SSE2__
// div255 of eight 16-bit lanes at once (each a product of two bytes).
inline __m128i div255Lanes(__m128i v) {
    return _mm_srli_epi16(_mm_add_epi16(_mm_add_epi16(v, _mm_set1_epi16(1)), _mm_srli_epi16(v, 8)), 8);
}
#endif

// True for the pixel formats (surfaces) blendFillXrgb8888 can draw into.
bool isXrgb8888(const SDL_PixelFormat* format);
bool isXrgb8888(const SDL_Surface* surface);

// Blends `color` (alpha below 255) into `rect`, already clipped to the surface.
void blendFillXrgb8888(SDL_Surface* surface, const SDL_Rect& rect, SDL_Color color);

}  // namespace meshlings::render
