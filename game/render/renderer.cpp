#include "render/renderer.hpp"

#include <utility>

#include "render/blend_fill.hpp"
#include "render/sdl_error.hpp"

namespace meshlings::render {

Renderer::Renderer(Window& window, bool vsync) : m_window(window.get()) {
    // Nearest-neighbour sampling keeps the pixel art crisp at every scale.
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    m_renderer = SDL_CreateRenderer(window.get(), -1, vsync ? SDL_RENDERER_PRESENTVSYNC : 0);
    if (m_renderer == nullptr) m_renderer = SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE);
    if (m_renderer == nullptr) throw SdlError("SDL_CreateRenderer");
    prepare();
}

Renderer::Renderer(Surface& target) : m_target(target.get()) {
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "nearest");
    m_renderer = SDL_CreateSoftwareRenderer(target.get());
    if (m_renderer == nullptr) throw SdlError("SDL_CreateSoftwareRenderer");
    prepare();
}

void Renderer::prepare() {
    SDL_SetRenderDrawBlendMode(m_renderer, SDL_BLENDMODE_BLEND);
    SDL_RendererInfo info{};
    m_software = SDL_GetRendererInfo(m_renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

Renderer::~Renderer() {
    if (m_renderer != nullptr) SDL_DestroyRenderer(m_renderer);
}

Renderer::Renderer(Renderer&& other) noexcept
    : m_renderer(std::exchange(other.m_renderer, nullptr)),
      m_software(other.m_software),
      m_directWrites(other.m_directWrites),
      m_window(std::exchange(other.m_window, nullptr)),
      m_target(std::exchange(other.m_target, nullptr)),
      m_held(std::exchange(other.m_held, nullptr)),
      m_clipOn(other.m_clipOn),
      m_clip(other.m_clip) {}

Renderer& Renderer::operator=(Renderer&& other) noexcept {
    if (this != &other) {
        if (m_renderer != nullptr) SDL_DestroyRenderer(m_renderer);
        m_renderer = std::exchange(other.m_renderer, nullptr);
        m_software = other.m_software;
        m_directWrites = other.m_directWrites;
        m_window = std::exchange(other.m_window, nullptr);
        m_target = std::exchange(other.m_target, nullptr);
        m_held = std::exchange(other.m_held, nullptr);
        m_clipOn = other.m_clipOn;
        m_clip = other.m_clip;
    }
    return *this;
}

SDL_Point Renderer::outputSize() const {
    SDL_Point size{0, 0};
    if (SDL_GetRendererOutputSize(m_renderer, &size.x, &size.y) != 0) throw SdlError("SDL_GetRendererOutputSize");
    return size;
}

bool Renderer::software() const {
    return m_software;
}

SDL_Surface* Renderer::softwareTarget() const {
    if (m_target != nullptr) return m_target;
    if (m_window == nullptr || !m_software) return nullptr;
    return m_held != nullptr ? m_held : SDL_GetWindowSurface(m_window);
}

void Renderer::holdTarget() {
    m_held = nullptr;
    m_held = softwareTarget();
}

SDL_Surface* Renderer::directTarget(SDL_Rect& clip) {
    if (!m_directWrites) return nullptr;
    SDL_Surface* target = softwareTarget();
    if (target == nullptr || target->format->BytesPerPixel != 4 || SDL_MUSTLOCK(target)) return nullptr;
    clip = {0, 0, target->w, target->h};
    if (m_clipOn && SDL_IntersectRect(&clip, &m_clip, &clip) == SDL_FALSE) clip = {0, 0, 0, 0};
    SDL_RenderFlush(m_renderer);
    return target;
}

void Renderer::setDrawColor(SDL_Color color) {
    SDL_SetRenderDrawColor(m_renderer, color.r, color.g, color.b, color.a);
}

void Renderer::clear(SDL_Color color) {
    setDrawColor(color);
    SDL_RenderClear(m_renderer);
}

void Renderer::fillRect(const SDL_Rect& rect, SDL_Color color) {
    if (fillDirect(rect, color)) return;
    setDrawColor(color);
    // An opaque fill blends to the same pixels; without blending the software
    // renderer fills rows at memset speed instead of blending each pixel.
    if (color.a == SDL_ALPHA_OPAQUE) SDL_SetRenderDrawBlendMode(m_renderer, SDL_BLENDMODE_NONE);
    SDL_RenderFillRect(m_renderer, &rect);
    if (color.a == SDL_ALPHA_OPAQUE) SDL_SetRenderDrawBlendMode(m_renderer, SDL_BLENDMODE_BLEND);
}

bool Renderer::fillDirect(const SDL_Rect& rect, SDL_Color color) {
    SDL_Rect clip{};
    SDL_Surface* target = directTarget(clip);
    if (target == nullptr) return false;
    const bool opaque = color.a == SDL_ALPHA_OPAQUE;
    if (!opaque && !isXrgb8888(target)) return false;
    SDL_Rect inside{};
    if (color.a == SDL_ALPHA_TRANSPARENT || SDL_IntersectRect(&rect, &clip, &inside) == SDL_FALSE) return true;
    if (opaque) {
        // What the software renderer itself does for an unblended fill.
        SDL_FillRect(target, &inside, SDL_MapRGBA(target->format, color.r, color.g, color.b, color.a));
    } else {
        blendFillXrgb8888(target, inside, color);
    }
    return true;
}

void Renderer::drawRect(const SDL_Rect& rect, SDL_Color color, int thickness) {
    setDrawColor(color);
    const SDL_Rect sides[] = {
        {rect.x, rect.y, rect.w, thickness},
        {rect.x, rect.y + rect.h - thickness, rect.w, thickness},
        {rect.x, rect.y + thickness, thickness, rect.h - 2 * thickness},
        {rect.x + rect.w - thickness, rect.y + thickness, thickness, rect.h - 2 * thickness},
    };
    SDL_RenderFillRects(m_renderer, sides, 4);
}

void Renderer::setClip(const SDL_Rect* rect) {
    SDL_RenderSetClipRect(m_renderer, rect);
    m_clipOn = rect != nullptr;
    if (rect != nullptr) m_clip = *rect;
}

void Renderer::present() {
    SDL_RenderPresent(m_renderer);
    m_held = nullptr;
}

Surface Renderer::readPixels() const {
    const SDL_Point size = outputSize();
    Surface shot(SDL_CreateRGBSurfaceWithFormat(0, size.x, size.y, 24, SDL_PIXELFORMAT_RGB24),
                 "SDL_CreateRGBSurfaceWithFormat");
    if (SDL_RenderReadPixels(m_renderer, nullptr, SDL_PIXELFORMAT_RGB24, shot.get()->pixels, shot.get()->pitch) != 0) {
        throw SdlError("SDL_RenderReadPixels");
    }
    return shot;
}

}  // namespace meshlings::render
