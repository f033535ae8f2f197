#include "render/viewport.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace meshlings::render {

Viewport::Viewport(int logicalWidth, int logicalHeight) : m_logicalWidth(logicalWidth), m_logicalHeight(logicalHeight) {
    if (logicalWidth < 1 || logicalHeight < 1) throw std::invalid_argument("viewport needs a positive logical size");
    fit(logicalWidth, logicalHeight);
}

int Viewport::scaleFor(int logicalWidth, int logicalHeight, int outputWidth, int outputHeight) {
    return std::max(1, std::min(outputWidth / logicalWidth, outputHeight / logicalHeight));
}

void Viewport::fit(int outputWidth, int outputHeight) {
    m_outputWidth = outputWidth;
    m_outputHeight = outputHeight;
    m_scale = scaleFor(m_logicalWidth, m_logicalHeight, outputWidth, outputHeight);
    m_offsetX = (outputWidth - m_logicalWidth * m_scale) / 2;
    m_offsetY = (outputHeight - m_logicalHeight * m_scale) / 2;
}

SDL_Rect Viewport::playfield() const {
    return {m_offsetX, m_offsetY, m_logicalWidth * m_scale, m_logicalHeight * m_scale};
}

SDL_Rect Viewport::toOutput(const SDL_Rect& logical) const {
    return {m_offsetX + logical.x * m_scale, m_offsetY + logical.y * m_scale, logical.w * m_scale, logical.h * m_scale};
}

SDL_FPoint Viewport::toLogical(SDL_Point output) const {
    const auto scale = static_cast<float>(m_scale);
    return {static_cast<float>(output.x - m_offsetX) / scale, static_cast<float>(output.y - m_offsetY) / scale};
}

bool Viewport::inPlayfield(SDL_Point output) const {
    const SDL_Rect field = playfield();
    return SDL_PointInRect(&output, &field) == SDL_TRUE;
}

}  // namespace meshlings::render
