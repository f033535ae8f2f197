#pragma once
// An SDL renderer (move-only): the one place frames are drawn. Either for a
// window (accelerated if possible, software otherwise, honouring
// SDL_RENDER_DRIVER) or, for tests and headless screenshots, the software
// renderer drawing into a Surface the caller keeps alive.

#include <SDL.h>

#include "render/surface.hpp"
#include "render/window.hpp"

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
    // The pixels the software renderer draws into (the Surface, or the
    // window's surface); null for other renderers.
    SDL_Surface* softwareTarget() const;
    // Asks for the window's surface once and keeps it until present(), so
    // the thousands of copies of a frame do not each ask SDL (Canvas's
    // beginFrame calls it; a resize can only happen between frames).
    void holdTarget();
    // The same when it may be written into directly (32 bits a pixel, no
    // lock needed, direct writes not turned off), after SDL_RenderFlush has
    // drawn what SDL queued; `clip` becomes the part that may be written
    // (the clip rectangle within the surface). Null otherwise.
    SDL_Surface* directTarget(SDL_Rect& clip);
    // Direct writes (Canvas's sprite copies, translucent fills into
    // XRGB8888) are on by default; the tests and the bench compare both ways.
    void setDirectWrites(bool on) { m_directWrites = on; }

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
    // A fill written straight into the software target (opaque: any 4-byte format; translucent: XRGB8888, blended);
    // false when that does not apply.
    bool fillDirect(const SDL_Rect& rect, SDL_Color color);

    SDL_Renderer* m_renderer = nullptr;
    bool m_software = false;
    bool m_directWrites = true;
    SDL_Window* m_window = nullptr;   // when drawing for a window
    SDL_Surface* m_target = nullptr;  // when drawing into a Surface
    SDL_Surface* m_held = nullptr;    // the window's surface, from holdTarget() to present()
    bool m_clipOn = false;            // what setClip() last set, kept to spare asking SDL
    SDL_Rect m_clip{0, 0, 0, 0};
};

}  // namespace meshlings::render
