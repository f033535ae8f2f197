#pragma once
// The pixel scale: fits a small logical playfield (320x180 by default; the
// game's is 640x360) into the renderer's output size so that it fills the
// output up to the aspect difference. A whole-number scale when one fills
// it (720p, 1080p, 4K: crisp pixel art), otherwise the exact fractional
// scale that fits (800x600: 1.25, 1024x768: 1.6), drawn with
// nearest-neighbour sampling; centred, with letterbox bars only for the
// aspect difference. Converts logical coordinates to output pixels
// (drawing) and back (the mouse), and gives the output pixel size of text
// (at the output's resolution, never below kMinTextPixels). Plain
// arithmetic: the renderer's output size is passed in.

#include <SDL.h>

namespace meshlings::render {

class Viewport {
public:
    static constexpr int kPlayfieldWidth = 320;
    static constexpr int kPlayfieldHeight = 180;
    // The smallest text, in output pixels (the font's pixel size): readable
    // from the back of a room on a 1024x768 projector.
    static constexpr int kMinTextPixels = 14;

    explicit Viewport(int logicalWidth = kPlayfieldWidth, int logicalHeight = kPlayfieldHeight);

    // The largest scale at which logical fits output (fractional when no
    // whole number fills it); 1 for an empty output.
    static float scaleFor(int logicalWidth, int logicalHeight, int outputWidth, int outputHeight);

    // Recomputes the scale and the letterbox for this output size (call
    // every frame, or on resize).
    void fit(int outputWidth, int outputHeight);

    // Output pixels per logical pixel (e.g. 3, or 1.6).
    float scale() const { return m_scale; }
    // True when scale() is a whole number (sprites copy pixel for pixel).
    bool integral() const { return m_integral; }
    // The whole part of the scale, at least 1 (pre-magnified atlases, line widths).
    int wholeScale() const { return m_wholeScale; }
    int logicalWidth() const { return m_logicalWidth; }
    int logicalHeight() const { return m_logicalHeight; }
    SDL_Point outputSize() const { return {m_outputWidth, m_outputHeight}; }
    // Where the playfield lands in output pixels.
    SDL_Rect playfield() const;

    // Logical position (fractions allowed, for interpolated motion) to
    // output pixels, rounded to the nearest output pixel.
    SDL_Point toOutput(float x, float y) const {
        return {m_offsetX + roundToInt(x * m_scale), m_offsetY + roundToInt(y * m_scale)};
    }
    // A logical rectangle to output pixels: its edges rounded, so that
    // rectangles sharing an edge share it on the output at any scale.
    SDL_Rect toOutput(const SDL_Rect& logical) const;
    SDL_Rect toOutput(float x, float y, float w, float h) const;
    // Output pixel (e.g. the mouse, in renderer pixels) to logical; may lie
    // outside the playfield.
    SDL_FPoint toLogical(SDL_Point output) const;
    bool inPlayfield(SDL_Point output) const;

    // The output pixel size of text of logical size `size`: size x scale,
    // and at least kMinTextPixels.
    int textPixels(float size) const;

    // std::lround's rounding (halves away from zero), inline: a sprite's
    // place is rounded twice per meshling and frame, and lroundf is a call.
    // Values beyond +-2^30 are clamped (nothing is drawn that far out).
    static int roundToInt(float v) {
        constexpr float kLimit = 1073741824.0F;
        if (!(v > -kLimit)) return -static_cast<int>(kLimit);  // NaN too
        if (v > kLimit) return static_cast<int>(kLimit);
        int whole = static_cast<int>(v);                   // towards zero
        const float rest = v - static_cast<float>(whole);  // exact below 2^24; 0 above
        if (rest >= 0.5F) ++whole;
        if (rest <= -0.5F) --whole;
        return whole;
    }

private:
    int m_logicalWidth;
    int m_logicalHeight;
    int m_outputWidth = 0;
    int m_outputHeight = 0;
    float m_scale = 1.0F;
    bool m_integral = true;
    int m_wholeScale = 1;
    int m_offsetX = 0;
    int m_offsetY = 0;
    int m_fieldWidth = 0;
    int m_fieldHeight = 0;
};

}  // namespace meshlings::render
