#pragma once
// An SDL window (move-only). Created resizable and HiDPI-aware, at the size
// asked for shrunk to fit the usable area of the display it opens on
// (WindowFit; not on the dummy driver), or, fullscreen, at the display's
// whole size; the renderer's output size, not the window size, decides the
// pixel scale.

#include <SDL.h>

#include <string>

namespace meshlings::render {

class Window {
public:
    // Throws SdlError.
    Window(const std::string& title, int width, int height, bool fullscreen = false);
    ~Window();

    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;
    Window(Window&& other) noexcept;
    Window& operator=(Window&& other) noexcept;

    SDL_Window* get() const { return m_window; }
    void setFullscreen(bool on);

private:
    // Shrinks the window again when its decorations push it past `usable`, centred in it.
    void fitBorders(SDL_Point size, const SDL_Rect& usable);

    SDL_Window* m_window = nullptr;
    SDL_Point m_windowed{0, 0};  // the size before fullscreen, given back after
};

}  // namespace meshlings::render
