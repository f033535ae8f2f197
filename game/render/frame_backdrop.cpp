#include "render/frame_backdrop.hpp"

#include <cstring>

namespace meshlings::render {

bool FrameBackdrop::fits(const SDL_Surface& target, const Layout& layout) const {
    return !m_pixels.empty() && target.w == m_width && target.h == m_height && target.pitch == m_pitch &&
           target.format->format == m_format && layout == m_layout;
}

bool FrameBackdrop::restore(SDL_Surface& target, const Layout& layout) const {
    if (!fits(target, layout)) return false;
    std::memcpy(target.pixels, m_pixels.data(), m_pixels.size());
    return true;
}

void FrameBackdrop::keep(const SDL_Surface& target, const Layout& layout) {
    m_width = target.w;
    m_height = target.h;
    m_pitch = target.pitch;
    m_format = target.format->format;
    m_layout = layout;
    const auto* pixels = static_cast<const std::uint8_t*>(target.pixels);
    m_pixels.assign(pixels, pixels + static_cast<std::size_t>(m_pitch) * static_cast<std::size_t>(m_height));
}

}  // namespace meshlings::render
