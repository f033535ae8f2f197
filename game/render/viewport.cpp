#include "render/viewport.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace meshlings::render {

namespace {

// The whole scale that fills the output exactly in one direction (and fits
// in the other), or 0 when none does.
int fillingWholeScale(int logicalWidth, int logicalHeight, int outputWidth, int outputHeight) {
    const int whole = std::min(outputWidth / logicalWidth, outputHeight / logicalHeight);
    if (whole < 1) return 0;
    return whole * logicalWidth == outputWidth || whole * logicalHeight == outputHeight ? whole : 0;
}

}  // namespace

Viewport::Viewport(int logicalWidth, int logicalHeight) : m_logicalWidth(logicalWidth), m_logicalHeight(logicalHeight) {
    if (logicalWidth < 1 || logicalHeight < 1) throw std::invalid_argument("viewport needs a positive logical size");
    fit(logicalWidth, logicalHeight);
}

float Viewport::scaleFor(int logicalWidth, int logicalHeight, int outputWidth, int outputHeight) {
    if (outputWidth < 1 || outputHeight < 1) return 1.0F;
    if (const int whole = fillingWholeScale(logicalWidth, logicalHeight, outputWidth, outputHeight)) {
        return static_cast<float>(whole);
    }
    const double sx = static_cast<double>(outputWidth) / logicalWidth;
    const double sy = static_cast<double>(outputHeight) / logicalHeight;
    return static_cast<float>(std::min(sx, sy));
}

void Viewport::fit(int outputWidth, int outputHeight) {
    m_outputWidth = outputWidth;
    m_outputHeight = outputHeight;
    m_scale = scaleFor(m_logicalWidth, m_logicalHeight, outputWidth, outputHeight);
    m_integral = m_scale == std::floor(m_scale);
    m_wholeScale = std::max(1, static_cast<int>(m_scale));
    if (m_integral) {
        m_fieldWidth = m_logicalWidth * static_cast<int>(m_scale);
        m_fieldHeight = m_logicalHeight * static_cast<int>(m_scale);
    } else {
        // The limiting side is the output's exactly; the other rounds, never past the output.
        m_fieldWidth = std::min(outputWidth, roundToInt(static_cast<float>(m_logicalWidth) * m_scale));
        m_fieldHeight = std::min(outputHeight, roundToInt(static_cast<float>(m_logicalHeight) * m_scale));
    }
    m_offsetX = (outputWidth - m_fieldWidth) / 2;
    m_offsetY = (outputHeight - m_fieldHeight) / 2;
}

SDL_Rect Viewport::playfield() const {
    return {m_offsetX, m_offsetY, m_fieldWidth, m_fieldHeight};
}

SDL_Rect Viewport::toOutput(const SDL_Rect& logical) const {
    return toOutput(static_cast<float>(logical.x), static_cast<float>(logical.y), static_cast<float>(logical.w),
                    static_cast<float>(logical.h));
}

SDL_Rect Viewport::toOutput(float x, float y, float w, float h) const {
    const SDL_Point from = toOutput(x, y);
    if (m_integral) return {from.x, from.y, roundToInt(w * m_scale), roundToInt(h * m_scale)};
    const SDL_Point to = toOutput(x + w, y + h);
    return {from.x, from.y, to.x - from.x, to.y - from.y};
}

SDL_FPoint Viewport::toLogical(SDL_Point output) const {
    return {static_cast<float>(output.x - m_offsetX) / m_scale, static_cast<float>(output.y - m_offsetY) / m_scale};
}

bool Viewport::inPlayfield(SDL_Point output) const {
    const SDL_Rect field = playfield();
    return SDL_PointInRect(&output, &field) == SDL_TRUE;
}

int Viewport::textPixels(float size) const {
    return std::max(kMinTextPixels, roundToInt(size * m_scale));
}

}  // namespace meshlings::render
