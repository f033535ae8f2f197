#pragma once
// One sprite as parsed from a text grid: its name, frame size, animation
// speed and the pixels of every frame as palette indices. Plain data, made
// by SpriteParser, turned into atlas rectangles by SpriteAtlas.

#include <cstdint>
#include <string>
#include <vector>

namespace meshlings::render {

class Sprite {
public:
    static constexpr std::uint8_t kTransparent = 0xFF;
    using Frame = std::vector<std::uint8_t>;  // width * height palette indices, row by row

    Sprite(std::string name, int width, int height, int fps);

    const std::string& name() const { return m_name; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // Frames per second of the animation (0: a still or a set of variants).
    int fps() const { return m_fps; }
    int frameCount() const { return static_cast<int>(m_frames.size()); }
    const Frame& frame(int index) const { return m_frames.at(static_cast<std::size_t>(index)); }
    std::uint8_t pixel(int frame, int x, int y) const;
    // Where the sprite was defined, "file:line", for messages.
    const std::string& origin() const { return m_origin; }

    void addFrame(Frame frame);
    void setOrigin(std::string origin) { m_origin = std::move(origin); }

private:
    std::string m_name;
    int m_width;
    int m_height;
    int m_fps;
    std::vector<Frame> m_frames;
    std::string m_origin;
};

}  // namespace meshlings::render
