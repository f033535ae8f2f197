#include "render/window.hpp"

#include <utility>

#include "render/sdl_error.hpp"

namespace meshlings::render {

Window::Window(const std::string& title, int width, int height, bool fullscreen) {
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    m_window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
    if (m_window == nullptr) throw SdlError("SDL_CreateWindow");
}

Window::~Window() {
    if (m_window != nullptr) SDL_DestroyWindow(m_window);
}

Window::Window(Window&& other) noexcept : m_window(std::exchange(other.m_window, nullptr)) {}

Window& Window::operator=(Window&& other) noexcept {
    if (this != &other) {
        if (m_window != nullptr) SDL_DestroyWindow(m_window);
        m_window = std::exchange(other.m_window, nullptr);
    }
    return *this;
}

void Window::setFullscreen(bool on) {
    if (SDL_SetWindowFullscreen(m_window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        throw SdlError("SDL_SetWindowFullscreen");
    }
}

}  // namespace meshlings::render
