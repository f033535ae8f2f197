#pragma once
// An SDL surface (move-only): pixels in memory. Used to build the sprite
// atlas, to hold rendered text before it becomes a texture, as the target of
// the software renderer in tests, and for screenshots (BMP).

#include <SDL.h>

#include <string>

namespace meshlings::render {

class Surface {
public:
    // A blank (transparent black) surface, RGBA32 unless told. Throws SdlError.
    Surface(int width, int height, Uint32 format = SDL_PIXELFORMAT_RGBA32);
    // Takes ownership of `surface`; throws SdlError naming `step` if it is null.
    Surface(SDL_Surface* surface, const std::string& step);
    static Surface loadBmp(const std::string& path);
    ~Surface();

    Surface(const Surface&) = delete;
    Surface& operator=(const Surface&) = delete;
    Surface(Surface&& other) noexcept;
    Surface& operator=(Surface&& other) noexcept;

    SDL_Surface* get() const { return m_surface; }
    int width() const { return m_surface->w; }
    int height() const { return m_surface->h; }
    // The colour at (x, y), whatever the pixel format.
    SDL_Color pixel(int x, int y) const;
    // Sets (x, y) on an RGBA32 surface made by Surface(width, height).
    void setPixel(int x, int y, SDL_Color color);
    void saveBmp(const std::string& path) const;

private:
    SDL_Surface* m_surface = nullptr;
};

}  // namespace meshlings::render
