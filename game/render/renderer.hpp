#pragma once
// An SDL renderer (move-only): the one place frames are drawn. Either for a
// window (accelerated if possible, software otherwise, honouring
// SDL_RENDER_DRIVER) or, for tests and headless screenshots, the software
// renderer drawing into a Surface the caller keeps alive.

#include <SDL.h>

#include "surface.hpp"
#include "window.hpp"

namespace meshlings::render {

class Renderer {
public:
    // Throws SdlError.
    explicit Renderer(Window& window, bool vsync = true);
    explicit Renderer(Surface& target);
    ~Renderer();

    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;
    Renderer(Renderer&& other) noexcept;
    Renderer& operator=(Renderer&& other) noexcept;

    SDL_Renderer* get() const { return m_renderer; }
    // The size in real pixels (larger than the window's on HiDPI screens).
    SDL_Point outputSize() const;
    // SDL's software renderer (a Surface target, or a window without GPU).
    bool software() const;

    void setDrawColor(SDL_Color color);
    void clear(SDL_Color color);
    void fillRect(const SDL_Rect& rect, SDL_Color color);
    // A rectangle outline `thickness` pixels wide, inside `rect`.
    void drawRect(const SDL_Rect& rect, SDL_Color color, int thickness = 1);
    void setClip(const SDL_Rect* rect);
    void present();
    // The current contents as a new RGB surface (for screenshots).
    Surface readPixels() const;

private:
    void prepare();

    SDL_Renderer* m_renderer = nullptr;
};

}  // namespace meshlings::render
