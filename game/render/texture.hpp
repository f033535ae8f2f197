#pragma once
// An SDL texture (move-only): pixels on the renderer's side. Made from a
// Surface; alpha blending on. Owned by SpriteAtlas (one for all sprites)
// and TextRenderer (one per cached string).

#include <SDL.h>

#include "render/renderer.hpp"
#include "render/surface.hpp"

namespace meshlings::render {

class Texture {
public:
    // Throws SdlError.
    Texture(Renderer& renderer, const Surface& surface);
    ~Texture();

    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;
    Texture(Texture&& other) noexcept;
    Texture& operator=(Texture&& other) noexcept;

    SDL_Texture* get() const { return m_texture; }
    int width() const { return m_width; }
    int height() const { return m_height; }
    // Multiplies every pixel's colour / alpha on the next copies.
    void setColorMod(SDL_Color color);
    void setAlphaMod(Uint8 alpha);

private:
    SDL_Texture* m_texture = nullptr;
    int m_width = 0;
    int m_height = 0;
};

}  // namespace meshlings::render
