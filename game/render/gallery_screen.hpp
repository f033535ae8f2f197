#pragma once
// The art review screen (`meshlings gallery`): every sprite, every frame of
// every animation and every pod state on one 320x180 playfield, each group
// labelled with its sprite name and followed by a live, animated copy (on a
// darker square). Also shows the styles a world renderer uses (stars over
// reviews pods, sinking, dry-run ghost, walking left, selection) and the
// palette with its sprite letters. Draws through a Canvas; owns nothing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "render/canvas.hpp"

namespace meshlings::render {

class GalleryScreen {
public:
    // Every sprite the game needs; the gallery and the tests check them all.
    static const std::vector<std::string_view>& requiredSprites();

    explicit GalleryScreen(Canvas& canvas);

    // Draws the whole screen as it looks `milliseconds` into its animations.
    void draw(std::uint64_t milliseconds);

private:
    void title();
    void beginRow(float y);
    // All frames of `sprite`, then a live copy; `label` defaults to the name.
    void frames(std::string_view sprite, std::string_view label = {}, const SpriteStyle& style = {});
    void reviewsPods();
    void terminatingLive();
    void styles();
    void palette(float x, float y);
    void tooltip(float x, float y);
    float label(std::string_view text, float x, float y);
    void liveBox(float x, float y, int width, int height);

    Canvas& m_canvas;
    std::uint64_t m_milliseconds = 0;
    float m_x = 0.0F;
    float m_y = 0.0F;
};

}  // namespace meshlings::render
