#pragma once
// A TTF font at one pixel size (move-only). TextRenderer opens one per size
// it is asked for; SdlContext must outlive every Font.

#include <SDL.h>
#include <SDL_ttf.h>

#include <string>

#include "render/surface.hpp"

namespace meshlings::render {

class Font {
public:
    // Throws SdlError (TTF_GetError is SDL_GetError).
    Font(const std::string& path, int pixelSize);
    ~Font();

    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;
    Font(Font&& other) noexcept;
    Font& operator=(Font&& other) noexcept;

    TTF_Font* get() const { return m_font; }
    int pixelSize() const { return m_pixelSize; }
    int lineHeight() const;
    SDL_Point measure(const std::string& text) const;
    // Anti-aliased UTF-8 text on a transparent surface.
    Surface render(const std::string& text, SDL_Color color) const;

private:
    TTF_Font* m_font = nullptr;
    int m_pixelSize = 0;
};

}  // namespace meshlings::render
