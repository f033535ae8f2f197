#include "render/texture.hpp"

#include <utility>

#include "render/sdl_error.hpp"

namespace meshlings::render {

Texture::Texture(Renderer& renderer, const Surface& surface)
    : m_texture(SDL_CreateTextureFromSurface(renderer.get(), surface.get())),
      m_width(surface.width()),
      m_height(surface.height()) {
    if (m_texture == nullptr) throw SdlError("SDL_CreateTextureFromSurface");
    SDL_SetTextureBlendMode(m_texture, SDL_BLENDMODE_BLEND);
}

Texture::~Texture() {
    if (m_texture != nullptr) SDL_DestroyTexture(m_texture);
}

Texture::Texture(Texture&& other) noexcept
    : m_texture(std::exchange(other.m_texture, nullptr)), m_width(other.m_width), m_height(other.m_height) {}

Texture& Texture::operator=(Texture&& other) noexcept {
    if (this != &other) {
        if (m_texture != nullptr) SDL_DestroyTexture(m_texture);
        m_texture = std::exchange(other.m_texture, nullptr);
        m_width = other.m_width;
        m_height = other.m_height;
    }
    return *this;
}

void Texture::setColorMod(SDL_Color color) {
    SDL_SetTextureColorMod(m_texture, color.r, color.g, color.b);
}

void Texture::setAlphaMod(Uint8 alpha) {
    SDL_SetTextureAlphaMod(m_texture, alpha);
}

}  // namespace meshlings::render
