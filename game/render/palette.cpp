#include "render/palette.hpp"

namespace meshlings::render {

namespace {

constexpr std::array<std::string_view, Palette::kSize> kNames = {
    "black", "dark blue", "dark purple", "dark green", "brown", "dark grey", "light grey", "white",
    "red",   "orange",    "yellow",      "green",      "blue",  "lavender",  "pink",       "peach",
};

}  // namespace

SDL_Color Palette::color(PaletteColor which, std::uint8_t alpha) {
    return colorAt(static_cast<int>(which), alpha);
}

SDL_Color Palette::colorAt(int index, std::uint8_t alpha) {
    const Rgb& rgb = kRgb.at(static_cast<std::size_t>(index));
    return SDL_Color{rgb.r, rgb.g, rgb.b, alpha};
}

std::optional<int> Palette::indexOfLetter(char letter) {
    const auto at = kLetters.find(letter);
    if (at == std::string_view::npos) return std::nullopt;
    return static_cast<int>(at);
}

std::string_view Palette::nameOf(PaletteColor which) {
    return kNames.at(static_cast<std::size_t>(which));
}

}  // namespace meshlings::render
