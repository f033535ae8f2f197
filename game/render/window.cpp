#include "render/window.hpp"

#include <cstring>
#include <utility>

#include "render/sdl_error.hpp"
#include "render/window_fit.hpp"

namespace meshlings::render {

namespace {

// The dummy and offscreen drivers' "display" is made up (1024x768): sizes asked there are kept as they are.
bool realDisplay() {
    const char* driver = SDL_GetCurrentVideoDriver();
    return driver != nullptr && std::strcmp(driver, "dummy") != 0 && std::strcmp(driver, "offscreen") != 0;
}

}  // namespace

Window::Window(const std::string& title, int width, int height, bool fullscreen) {
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    SDL_Rect usable{0, 0, 0, 0};
    SDL_Rect display{0, 0, 0, 0};
    const bool fits =
        realDisplay() && SDL_GetDisplayUsableBounds(0, &usable) == 0 && SDL_GetDisplayBounds(0, &display) == 0;
    SDL_Point size{width, height};
    if (fits) size = WindowFit::initial(size, {usable.w, usable.h}, {display.w, display.h}, fullscreen);
    m_window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, size.x, size.y, flags);
    if (m_window == nullptr) throw SdlError("SDL_CreateWindow");
    if (fits && !fullscreen) fitBorders(size, usable);
}

void Window::fitBorders(SDL_Point size, const SDL_Rect& usable) {
    // The decorations are known once the window exists (none without a window manager).
    int top = 0;
    int left = 0;
    int bottom = 0;
    int right = 0;
    if (SDL_GetWindowBordersSize(m_window, &top, &left, &bottom, &right) != 0) return;
    const SDL_Point fitted = WindowFit::fit(size, {usable.w, usable.h}, {left + right, top + bottom});
    if (fitted.x == size.x && fitted.y == size.y) return;
    SDL_SetWindowSize(m_window, fitted.x, fitted.y);
    SDL_SetWindowPosition(m_window, usable.x + (usable.w - fitted.x - left - right) / 2 + left,
                          usable.y + (usable.h - fitted.y - top - bottom) / 2 + top);
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
    // As at creation: the window takes the display's size itself (no window manager may do it), and gets its
    // windowed size back after.
    SDL_Rect display{0, 0, 0, 0};
    const bool sized = realDisplay() && SDL_GetDisplayBounds(SDL_GetWindowDisplayIndex(m_window), &display) == 0;
    if (on && sized) {
        SDL_GetWindowSize(m_window, &m_windowed.x, &m_windowed.y);
        SDL_SetWindowSize(m_window, display.w, display.h);
        SDL_SetWindowPosition(m_window, display.x, display.y);
    }
    if (SDL_SetWindowFullscreen(m_window, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) != 0) {
        throw SdlError("SDL_SetWindowFullscreen");
    }
    if (!on && sized && m_windowed.x > 0 && m_windowed.y > 0) {
        SDL_SetWindowSize(m_window, m_windowed.x, m_windowed.y);
        SDL_SetWindowPosition(m_window, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED);
    }
}

}  // namespace meshlings::render
