#include "render/sdl_context.hpp"

#include <SDL.h>
#include <SDL_ttf.h>

#include <utility>

#include "render/sdl_error.hpp"

namespace meshlings::render {

SdlContext::SdlContext(bool video) : m_video(video) {
    if (SDL_Init(video ? SDL_INIT_VIDEO : 0) != 0) throw SdlError("SDL_Init");
    if (TTF_Init() != 0) {
        const SdlError error("TTF_Init");
        SDL_Quit();
        throw error;
    }
    m_owned = true;
}

SdlContext::~SdlContext() {
    release();
}

SdlContext::SdlContext(SdlContext&& other) noexcept
    : m_owned(std::exchange(other.m_owned, false)), m_video(other.m_video) {}

SdlContext& SdlContext::operator=(SdlContext&& other) noexcept {
    if (this != &other) {
        release();
        m_owned = std::exchange(other.m_owned, false);
        m_video = other.m_video;
    }
    return *this;
}

void SdlContext::release() {
    if (!m_owned) return;
    TTF_Quit();
    SDL_Quit();
    m_owned = false;
}

}  // namespace meshlings::render
