#pragma once
// The opaque runs of every sprite frame of a magnified atlas, in the pixel
// format of the software renderer's target, for copying a sprite straight
// into that target's pixels: row by row, run by run, no blending (atlas
// pixels are opaque or transparent, nothing between), so the result is the
// pixels SDL's blend blitter would write, at a small part of its cost per
// copy (SDL's per-copy overhead, not its per-pixel work, dominated a crowd of
// 16x20-pixel meshlings). Built by SpriteAtlas for one scale, plain or
// mirrored; Canvas uses it for untinted, opaque copies.
#include <SDL.h>

#include <cstdint>
#include <vector>

#include "surface.hpp"

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
    // at `at` in `target`, inside `clip`. False when `source` is not one of
    // the frames it was built with (nothing is drawn).
    bool copy(const SDL_Rect& source, SDL_Point at, SDL_Surface* target, const SDL_Rect& clip) const;

private:
    struct Run {
        std::uint16_t x;       // from the frame's left edge, output pixels
        std::uint16_t length;  // pixels
        std::uint32_t pixels;  // first pixel in m_pixels
    };
    struct Frame {
        int width = 0;                       // output pixels
        std::uint32_t firstRow = 0;          // in m_rowStarts: row r's runs are [rowStarts[firstRow + r], [.. + r + 1])
        int rows = 0;                        // output rows
    };

    int m_factor;
    Uint32 m_format;
    int m_atlasWidth;                    // 1x atlas width, for the frame lookup
    std::vector<std::int32_t> m_lookup;  // 1x (y * width + x) of a frame's top-left -> index in m_frames, or -1
    std::vector<Frame> m_frames;
    std::vector<std::uint32_t> m_rowStarts;
    std::vector<Run> m_runs;
    std::vector<Uint32> m_pixels;
};

}  // namespace meshlings::render
