#pragma once
// The one palette everything is drawn in: the 16 colours of PICO-8, each
// with a name for code and a letter for the sprite text files
// (assets/sprites/README.md). Owned by nobody: plain constant data.

#include <SDL.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace meshlings::render {

enum class PaletteColor : std::uint8_t {
    Black,
    DarkBlue,
    DarkPurple,
    DarkGreen,
    Brown,
    DarkGrey,
    LightGrey,
    White,
    Red,
    Orange,
    Yellow,
    Green,
    Blue,
    Lavender,
    Pink,
    Peach,
};

class Palette {
public:
    static constexpr int kSize = 16;
    // The letters of the sprite files, in palette order ('.' is transparent).
    static constexpr std::string_view kLetters = "knvfbdlwroygcips";
    static constexpr char kTransparent = '.';

    static SDL_Color color(PaletteColor which, std::uint8_t alpha = 255);
    static SDL_Color colorAt(int index, std::uint8_t alpha = 255);
    // The palette index a sprite letter stands for, or nothing if it is not one.
    static std::optional<int> indexOfLetter(char letter);
    static std::string_view nameOf(PaletteColor which);

private:
    struct Rgb {
        std::uint8_t r, g, b;
    };
    static constexpr std::array<Rgb, kSize> kRgb = {{
        {0x00, 0x00, 0x00},
        {0x1D, 0x2B, 0x53},
        {0x7E, 0x25, 0x53},
        {0x00, 0x87, 0x51},
        {0xAB, 0x52, 0x36},
        {0x5F, 0x57, 0x4F},
        {0xC2, 0xC3, 0xC7},
        {0xFF, 0xF1, 0xE8},
        {0xFF, 0x00, 0x4D},
        {0xFF, 0xA3, 0x00},
        {0xFF, 0xEC, 0x27},
        {0x00, 0xE4, 0x36},
        {0x29, 0xAD, 0xFF},
        {0x83, 0x76, 0x9C},
        {0xFF, 0x77, 0xA8},
        {0xFF, 0xCC, 0xAA},
    }};
};

}  // namespace meshlings::render
