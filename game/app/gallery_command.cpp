#include "app/gallery_command.hpp"

#include <SDL.h>

#include <cstdint>
#include <iostream>

#include "render/canvas.hpp"
#include "render/gallery_screen.hpp"
#include "render/renderer.hpp"
#include "render/screenshot.hpp"
#include "render/sdl_context.hpp"
#include "render/sprite_atlas.hpp"
#include "render/sprite_library.hpp"
#include "render/text_renderer.hpp"
#include "render/window.hpp"

namespace meshlings::app {

namespace {

constexpr std::uint64_t kFrameMilliseconds = 1000 / 60;

bool quitRequested() {
    SDL_Event event;
    while (SDL_PollEvent(&event) != 0) {
        if (event.type == SDL_QUIT) return true;
        if (event.type == SDL_KEYDOWN && (event.key.keysym.sym == SDLK_ESCAPE || event.key.keysym.sym == SDLK_q)) {
            return true;
        }
    }
    return false;
}

}  // namespace

GalleryCommand::GalleryCommand(CLI::App& parent) {
    m_command = parent.add_subcommand("gallery", "Show every sprite, animation frame and pod state on one screen");
    m_command->add_option("--screenshot", m_screenshot, "Draw --frames frames, save the last as this BMP and exit");
    m_command->add_option("--frames", m_frames, "Frames to draw before the screenshot (60 per second)")
        ->check(CLI::Range(1, 100000));
    m_command->add_option("--width", m_width, "Window width")->check(CLI::Range(64, 16384));
    m_command->add_option("--height", m_height, "Window height")->check(CLI::Range(64, 16384));
    m_command->add_flag("--fullscreen", m_fullscreen, "Fill the screen");
}

int GalleryCommand::run() {
    const bool headless = !m_screenshot.empty();
    render::SdlContext sdl;
    render::Window window("Meshlings: sprite gallery", m_width, m_height, m_fullscreen);
    render::Renderer renderer(window, !headless);
    const render::SpriteLibrary library = render::SpriteLibrary::loadFolder(render::SpriteLibrary::defaultFolder());
    render::SpriteAtlas atlas(renderer, library);
    render::TextRenderer text(renderer);
    render::Canvas canvas(renderer, atlas, text);
    render::GalleryScreen gallery(canvas);

    const std::uint64_t start = SDL_GetTicks64();
    for (int frame = 1;; ++frame) {
        if (quitRequested()) return 0;
        const std::uint64_t now =
            headless ? static_cast<std::uint64_t>(frame) * kFrameMilliseconds : SDL_GetTicks64() - start;
        gallery.draw(now);
        if (headless && frame >= m_frames) {
            render::Screenshot::save(renderer, m_screenshot);
            const SDL_Point size = renderer.outputSize();
            std::cout << "wrote " << m_screenshot << " (" << size.x << "x" << size.y << ", frame " << frame << ")\n";
            return 0;
        }
        renderer.present();
    }
}

}  // namespace meshlings::app
