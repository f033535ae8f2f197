#pragma once
// The integer pixel scale: fits a small logical playfield (320x180 by
// default) into the renderer's output size at the largest whole-number
// scale, centred, with letterbox bars around it. Converts logical
// coordinates to output pixels (drawing) and back (the mouse). Plain
// arithmetic: the renderer's output size is passed in.

#include <SDL.h>

namespace meshlings::render {

class Viewport {
public:
    static constexpr int kPlayfieldWidth = 320;
    static constexpr int kPlayfieldHeight = 180;

    explicit Viewport(int logicalWidth = kPlayfieldWidth, int logicalHeight = kPlayfieldHeight);

    // The largest whole scale at which logical fits output; at least 1 (a
    // window smaller than the playfield crops it, centred).
    static int scaleFor(int logicalWidth, int logicalHeight, int outputWidth, int outputHeight);

    // Recomputes the scale and the letterbox for this output size (call
    // every frame, or on resize).
    void fit(int outputWidth, int outputHeight);

    int scale() const { return m_scale; }
    int logicalWidth() const { return m_logicalWidth; }
    int logicalHeight() const { return m_logicalHeight; }
    SDL_Point outputSize() const { return {m_outputWidth, m_outputHeight}; }
    // Where the playfield lands in output pixels.
    SDL_Rect playfield() const;

    // Logical position (fractions allowed, for interpolated motion) to
    // output pixels, rounded to the nearest output pixel.
    SDL_Point toOutput(float x, float y) const {
        return {m_offsetX + roundToInt(x * static_cast<float>(m_scale)),
                m_offsetY + roundToInt(y * static_cast<float>(m_scale))};
    }
    SDL_Rect toOutput(const SDL_Rect& logical) const;
    // Output pixel (e.g. the mouse, in renderer pixels) to logical; may lie
    // outside the playfield.
    SDL_FPoint toLogical(SDL_Point output) const;
    bool inPlayfield(SDL_Point output) const;

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
    int m_scale = 1;
    int m_offsetX = 0;
    int m_offsetY = 0;
};

}  // namespace meshlings::render
