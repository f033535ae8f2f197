#pragma once
// A WorldScreen drawing into an offscreen surface with SDL's software
// renderer, and everything it stands on (the renderer, the sprite atlas, the
// fonts, the playfield's Canvas): what tests, the benches and headless tools
// draw the game with when there is no window. Needs an SdlContext (video
// not required: the software renderer draws into memory).
#include "render/canvas.hpp"
#include "render/renderer.hpp"
#include "render/sprite_atlas.hpp"
#include "render/surface.hpp"
#include "render/text_renderer.hpp"
#include "render/world_screen.hpp"

namespace meshlings::render {

class OffscreenScreen {
public:
    // Pixels in `format` (32 bits): RGBA32 as Surface makes them, or XRGB8888 as a window's.
    OffscreenScreen(int width, int height, Uint32 format = SDL_PIXELFORMAT_RGBA32);

    WorldScreen& screen() { return m_screen; }
    const WorldScreen& screen() const { return m_screen; }
    Canvas& canvas() { return m_canvas; }
    Renderer& renderer() { return m_renderer; }

private:
    Surface m_surface;
    Renderer m_renderer;
    SpriteAtlas m_atlas;
    TextRenderer m_text;
    Canvas m_canvas;
    WorldScreen m_screen;
};

}  // namespace meshlings::render
