#include "render/sprite.hpp"

#include <stdexcept>

namespace meshlings::render {

Sprite::Sprite(std::string name, int width, int height, int fps)
    : m_name(std::move(name)), m_width(width), m_height(height), m_fps(fps) {}

std::uint8_t Sprite::pixel(int frameIndex, int x, int y) const {
    if (x < 0 || y < 0 || x >= m_width || y >= m_height) throw std::out_of_range("sprite pixel out of range");
    return frame(frameIndex)
        .at(static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) + static_cast<std::size_t>(x));
}

void Sprite::addFrame(Frame frame) {
    if (frame.size() != static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height)) {
        throw std::invalid_argument("sprite " + m_name + ": frame of the wrong size");
    }
    m_frames.push_back(std::move(frame));
}

}  // namespace meshlings::render
