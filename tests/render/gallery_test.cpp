// The gallery drawn by the software renderer into a surface at 1280x720,
// saved as a screenshot and read back; and the SDL handles it is made of.
#include <SDL.h>
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "render/canvas.hpp"
#include "render/font.hpp"
#include "render/gallery_screen.hpp"
#include "render/renderer.hpp"
#include "render/screenshot.hpp"
#include "render/sdl_context.hpp"
#include "render/sdl_error.hpp"
#include "render/sprite_atlas.hpp"
#include "render/sprite_library.hpp"
#include "render/text_renderer.hpp"
#include "surface_colours.hpp"

using namespace meshlings::render;

using meshlings::render::test::distinctColours;

namespace {

// Everything a screen needs, drawing into a surface of the given size.
struct Offscreen {
    Offscreen(int width, int height)
        : target(width, height),
          renderer(target),
          library(SpriteLibrary::loadFolder(SpriteLibrary::defaultFolder())),
          atlas(renderer, library),
          text(renderer),
          canvas(renderer, atlas, text) {}

    SdlContext sdl{false};
    Surface target;
    Renderer renderer;
    SpriteLibrary library;
    SpriteAtlas atlas;
    TextRenderer text;
    Canvas canvas;
};

std::filesystem::path tempFile(const std::string& name) {
    return std::filesystem::temp_directory_path() / name;
}

}  // namespace

TEST_CASE("the gallery renders at 1280x720 and its screenshot is a real BMP") {
    Offscreen screen(1280, 720);
    GalleryScreen gallery(screen.canvas);
    gallery.draw(500);
    CHECK(screen.canvas.viewport().scale() == 4);

    const auto path = tempFile("meshlings_gallery_test.bmp");
    Screenshot::save(screen.renderer, path.string());
    std::ifstream file(path, std::ios::binary);
    char magic[2] = {};
    file.read(magic, 2);
    CHECK(magic[0] == 'B');
    CHECK(magic[1] == 'M');
    const Surface shot = Surface::loadBmp(path.string());
    CHECK(shot.width() == 1280);
    CHECK(shot.height() == 720);
    // Not one flat colour: the palette, anti-aliased text and the sprites.
    CHECK(distinctColours(shot) > 24);
    // The background is the art direction's dark blue.
    const SDL_Color background = shot.pixel(2, 718);
    CHECK(background.r == 0x1D);
    CHECK(background.g == 0x2B);
    CHECK(background.b == 0x53);
    std::filesystem::remove(path);
}

TEST_CASE("text is rendered once and reused from the cache") {
    Offscreen screen(640, 360);
    GalleryScreen gallery(screen.canvas);
    gallery.draw(0);
    const std::size_t cached = screen.text.cachedCount();
    CHECK(cached > 10);
    gallery.draw(0);
    CHECK(screen.text.cachedCount() == cached);
    const SDL_Point size = screen.text.measure("meshlings", 20);
    CHECK(size.x > size.y);
}

TEST_CASE("an output of another aspect keeps black bars beside the playfield") {
    Offscreen screen(1366, 900);  // 320x180 at 4.27: 1366x768, bars of 66 above and below
    screen.canvas.beginFrame();
    const Surface shot = screen.renderer.readPixels();
    const SDL_Color bar = shot.pixel(10, 10);
    CHECK((bar.r == 0 && bar.g == 0 && bar.b == 0));
    const SDL_Color field = shot.pixel(693, 394);  // off the grid lines
    CHECK(field.b == 0x53);
}

TEST_CASE("sprites land at whole-number scale with nearest-neighbour pixels") {
    Offscreen screen(1280, 720);
    screen.canvas.beginFrame(0);
    screen.canvas.sprite("icon_star", 1, 10.0F, 10.0F);  // the red star, at 4x
    const Surface shot = screen.renderer.readPixels();
    // The star's top point is pixel (2, 0) of the sprite: a 4x4 block of red.
    for (int dy = 0; dy < 4; ++dy) {
        for (int dx = 0; dx < 4; ++dx) {
            const SDL_Color c = shot.pixel(40 + 8 + dx, 40 + dy);
            CHECK((c.r == 0xFF && c.g == 0x00 && c.b == 0x4D));
        }
    }
    const SDL_Color beside = shot.pixel(40 + 7, 40);
    CHECK(beside.b == 0x53);
    CHECK_THROWS_AS(screen.canvas.sprite("no_such_sprite", 0, 0.0F, 0.0F), std::out_of_range);
    CHECK_THROWS_AS(screen.canvas.sprite("icon_star", 99, 0.0F, 0.0F), std::out_of_range);
}

TEST_CASE("SDL handles throw SdlError with SDL's message and move cleanly") {
    SdlContext sdl(false);
    try {
        Font font("/nonexistent/font.ttf", 12);
        FAIL("no error");
    } catch (const SdlError& e) {
        CHECK(std::string(e.what()).starts_with("TTF_OpenFont /nonexistent/font.ttf: "));
    }
    Surface first(4, 4);
    SDL_Surface* raw = first.get();
    Surface second(std::move(first));
    CHECK(second.get() == raw);
    CHECK(first.get() == nullptr);  // NOLINT(bugprone-use-after-move): moved-from is empty
    Surface third(2, 2);
    third = std::move(second);
    CHECK(third.width() == 4);
    third.setPixel(1, 1, SDL_Color{1, 2, 3, 255});
    const SDL_Color back = third.pixel(1, 1);
    CHECK((back.r == 1 && back.g == 2 && back.b == 3 && back.a == 255));
    CHECK_THROWS_AS(Surface::loadBmp("/nonexistent.bmp"), SdlError);
}

TEST_CASE("animation frames follow the sprite's fps") {
    Offscreen screen(320, 180);
    const SpriteAtlas& atlas = screen.atlas;
    const int frames = atlas.frameCount("meshling_walk");
    const int fps = atlas.entry("meshling_walk").fps;
    CHECK(atlas.frameAt("meshling_walk", 0) == 0);
    CHECK(atlas.frameAt("meshling_walk", 1000 / static_cast<unsigned>(fps)) == 1);
    CHECK(atlas.frameAt("meshling_walk", 1000ULL * static_cast<unsigned>(frames) / static_cast<unsigned>(fps)) == 0);
    CHECK(atlas.frameOnce("meshling_pop", 60000) == atlas.frameCount("meshling_pop") - 1);
    CHECK(atlas.frameAt("tile_platform", 12345) == 0);
}
