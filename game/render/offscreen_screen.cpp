#include "render/offscreen_screen.hpp"

#include "render/sprite_library.hpp"

namespace meshlings::render {

OffscreenScreen::OffscreenScreen(int width, int height, Uint32 format)
    : m_surface(width, height, format),
      m_renderer(m_surface),
      m_atlas(m_renderer, SpriteLibrary::loadFolder(SpriteLibrary::defaultFolder())),
      m_text(m_renderer),
      m_canvas(m_renderer, m_atlas, m_text, WorldScreen::playfieldViewport()),
      m_screen(m_canvas) {}

}  // namespace meshlings::render
