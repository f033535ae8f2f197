#pragma once
// The opaque runs of every sprite frame of a magnified atlas, in the pixel
// format of the software renderer's target, for copying a sprite straight
// into that target's pixels, run by run: atlas pixels are opaque or
// transparent, nothing between, so an unmodulated copy is a plain copy and
// the result is the pixels SDL's blend blitter would write, at a small part
// of its cost per copy (SDL's per-copy overhead, not its per-pixel work,
// dominated a crowd of 16x20-pixel meshlings). Runs are kept per sprite row
// and written to each of the `factor` output rows it becomes. Into XRGB8888
// it also draws tinted and translucent copies, with the arithmetic of SDL's
// modulating blend blitter. Built by SpriteAtlas for one scale, plain or
// mirrored; Canvas uses it.
#include <SDL.h>

#include <cstdint>
#include <vector>

#include "render/surface.hpp"

namespace meshlings::render {

class SpanSprites {
public:
    // `pixels` is the atlas magnified `factor` times (RGBA32, as Surface
    // makes them); `frames` the 1x source rectangles of every frame; the
    // runs are kept in `format` (the target's).
    SpanSprites(const Surface& pixels, const std::vector<SDL_Rect>& frames, int factor, Uint32 format);

    Uint32 format() const { return m_format; }

    // Copies the frame whose 1x source rectangle is `source` (its top
    // `source.h` rows, as Canvas's sink cuts them) with its top-left corner
    // at `at` in `target`, inside `clip`. `modulation` multiplies the colours
    // (r, g, b) and the opacity (a) as SDL's colour and alpha mods do; it
    // must be white and opaque unless the target is XRGB8888. False when
    // `source` is not one of the frames it was built with, or a modulated
    // copy into another format (nothing is drawn).
    bool copy(const SDL_Rect& source, SDL_Point at, SDL_Surface* target, const SDL_Rect& clip,
              SDL_Color modulation = {255, 255, 255, 255}) const;

private:
    struct Run {
        std::uint16_t x;       // from the frame's left edge, output pixels
        std::uint16_t length;  // output pixels
        std::uint32_t pixels;  // first pixel in m_pixels
    };
    struct Frame {
        int width = 0;               // output pixels
        int height = 0;              // sprite rows (1x)
        std::uint32_t firstRow = 0;  // sprite row r's runs: [m_rowStarts[firstRow + r], m_rowStarts[firstRow + r + 1])
    };
    // The output rows [first, end) of the frame, clipped.
    struct Rows {
        int first;
        int end;
    };

    const Frame* find(const SDL_Rect& source) const;
    // An unmodulated copy of the frame's first `spriteRows` rows wholly inside the clip.
    void copyWhole(const Frame& frame, int spriteRows, SDL_Point at, SDL_Surface* target) const;
    template <typename Write>
    void eachRun(const Frame& frame, Rows rows, SDL_Point at, SDL_Surface* target, const SDL_Rect& clip,
                 Write write) const;

    int m_factor;
    Uint32 m_format;
    bool m_xrgb;                         // the target format is XRGB8888: m_pixels are 0x00RRGGBB
    int m_atlasWidth;                    // 1x atlas width, for the frame lookup
    std::vector<std::int32_t> m_lookup;  // 1x (y * width + x) of a frame's top-left -> index in m_frames, or -1
    std::vector<Frame> m_frames;
    std::vector<std::uint32_t> m_rowStarts;
    std::vector<Run> m_runs;
    std::vector<Uint32> m_pixels;
};

}  // namespace meshlings::render
