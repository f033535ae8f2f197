#include "render/surface.hpp"

#include <cstring>
#include <stdexcept>
#include <utility>

#include "render/sdl_error.hpp"

namespace meshlings::render {

Surface::Surface(int width, int height, Uint32 format)
    : Surface(SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, format), "SDL_CreateRGBSurfaceWithFormat") {
    SDL_FillRect(m_surface, nullptr, 0);
}

Surface::Surface(SDL_Surface* surface, const std::string& step) : m_surface(surface) {
    if (m_surface == nullptr) throw SdlError(step);
}

Surface Surface::loadBmp(const std::string& path) {
    return {SDL_LoadBMP(path.c_str()), "SDL_LoadBMP " + path};
}

Surface::~Surface() {
    if (m_surface != nullptr) SDL_FreeSurface(m_surface);
}

Surface::Surface(Surface&& other) noexcept : m_surface(std::exchange(other.m_surface, nullptr)) {}

Surface& Surface::operator=(Surface&& other) noexcept {
    if (this != &other) {
        if (m_surface != nullptr) SDL_FreeSurface(m_surface);
        m_surface = std::exchange(other.m_surface, nullptr);
    }
    return *this;
}

SDL_Color Surface::pixel(int x, int y) const {
    if (x < 0 || y < 0 || x >= width() || y >= height()) throw std::out_of_range("surface pixel out of range");
    const int bytes = m_surface->format->BytesPerPixel;
    const auto* row = static_cast<const Uint8*>(m_surface->pixels) + static_cast<std::ptrdiff_t>(y) * m_surface->pitch;
    Uint32 value = 0;
    std::memcpy(&value, row + static_cast<std::ptrdiff_t>(x) * bytes, static_cast<std::size_t>(bytes));
    if (bytes == 3 && SDL_BYTEORDER == SDL_BIG_ENDIAN) value >>= 8;
    SDL_Color color{};
    SDL_GetRGBA(value, m_surface->format, &color.r, &color.g, &color.b, &color.a);
    return color;
}

void Surface::setPixel(int x, int y, SDL_Color color) {
    if (x < 0 || y < 0 || x >= width() || y >= height()) throw std::out_of_range("surface pixel out of range");
    if (m_surface->format->BytesPerPixel != 4) throw std::logic_error("setPixel needs a 32-bit surface");
    const Uint32 value = SDL_MapRGBA(m_surface->format, color.r, color.g, color.b, color.a);
    auto* row = static_cast<Uint8*>(m_surface->pixels) + static_cast<std::ptrdiff_t>(y) * m_surface->pitch;
    std::memcpy(row + static_cast<std::ptrdiff_t>(x) * 4, &value, sizeof value);
}

void Surface::saveBmp(const std::string& path) const {
    if (SDL_SaveBMP(m_surface, path.c_str()) != 0) throw SdlError("SDL_SaveBMP " + path);
}

}  // namespace meshlings::render
