#include "render/font.hpp"

#include <utility>

#include "render/sdl_error.hpp"

namespace meshlings::render {

Font::Font(const std::string& path, int pixelSize)
    : m_font(TTF_OpenFont(path.c_str(), pixelSize)), m_pixelSize(pixelSize) {
    if (m_font == nullptr) throw SdlError("TTF_OpenFont " + path);
    TTF_SetFontHinting(m_font, TTF_HINTING_LIGHT);
}

Font::~Font() {
    if (m_font != nullptr) TTF_CloseFont(m_font);
}

Font::Font(Font&& other) noexcept : m_font(std::exchange(other.m_font, nullptr)), m_pixelSize(other.m_pixelSize) {}

Font& Font::operator=(Font&& other) noexcept {
    if (this != &other) {
        if (m_font != nullptr) TTF_CloseFont(m_font);
        m_font = std::exchange(other.m_font, nullptr);
        m_pixelSize = other.m_pixelSize;
    }
    return *this;
}

int Font::lineHeight() const {
    return TTF_FontLineSkip(m_font);
}

SDL_Point Font::measure(const std::string& text) const {
    SDL_Point size{0, 0};
    if (TTF_SizeUTF8(m_font, text.c_str(), &size.x, &size.y) != 0) throw SdlError("TTF_SizeUTF8");
    return size;
}

Surface Font::render(const std::string& text, SDL_Color color) const {
    // SDL2_ttf refuses an empty string; a space keeps the line's height.
    const std::string shown = text.empty() ? " " : text;
    return {TTF_RenderUTF8_Blended(m_font, shown.c_str(), color), "TTF_RenderUTF8_Blended"};
}

}  // namespace meshlings::render
