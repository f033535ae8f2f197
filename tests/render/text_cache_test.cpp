// The text cache under churn (issue 16: the game crashed in SDL_RenderCopy
// when a shadow's lookup emptied the cache while draw() held the text's
// texture). Each draw must put its text on the target, whatever the cache
// drops meanwhile, and the cache stays within its bound.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "render/renderer.hpp"
#include "render/sdl_context.hpp"
#include "render/surface.hpp"
#include "render/text_renderer.hpp"

namespace r = meshlings::render;

namespace {

// Pixels of the target inside `box` that are bright (the white text, not its black shadow or the background).
int brightPixels(r::Renderer& renderer, SDL_Rect box) {
    SDL_RenderFlush(renderer.get());
    const SDL_Surface* s = renderer.softwareTarget();
    REQUIRE(s != nullptr);
    int bright = 0;
    for (int y = box.y; y < box.y + box.h && y < s->h; ++y) {
        for (int x = box.x; x < box.x + box.w && x < s->w; ++x) {
            Uint32 pixel = 0;
            std::memcpy(&pixel, static_cast<const std::uint8_t*>(s->pixels) + y * s->pitch + x * 4, 4);
            Uint8 red = 0;
            Uint8 green = 0;
            Uint8 blue = 0;
            SDL_GetRGB(pixel, s->format, &red, &green, &blue);
            bright += red > 200 && green > 200 && blue > 200;
        }
    }
    return bright;
}

}  // namespace

TEST_CASE("a draw whose shadow fills the cache still draws its own text") {
    const r::SdlContext context(false);
    r::Surface surface(320, 80);
    r::Renderer renderer(surface);
    r::TextRenderer text(renderer);
    const SDL_Color white{255, 255, 255, 255};
    // Fill the cache to one short of its bound, without shadows (one entry per draw).
    for (std::size_t i = 0; i + 1 < r::TextRenderer::kMaxCached; ++i) {
        text.draw("filler " + std::to_string(i), {0, 40}, 12, white, r::TextAlign::Left, r::FontFace::Regular, false);
    }
    REQUIRE(text.cachedCount() == r::TextRenderer::kMaxCached - 1);
    SDL_SetRenderDrawColor(renderer.get(), 0, 0, 0, 255);
    SDL_RenderClear(renderer.get());
    // The text's texture is the cache's last free place; its shadow's lookup must make room.
    const SDL_Point size = text.draw("served 77.7 %", {4, 4}, 16, white);
    CHECK(size.x > 0);
    CHECK(brightPixels(renderer, {4, 4, size.x, size.y}) > 20);
    CHECK(text.cachedCount() <= r::TextRenderer::kMaxCached);
}

TEST_CASE("the cache keeps what is drawn every frame while new texts churn through it") {
    const r::SdlContext context(false);
    r::Surface surface(320, 80);
    r::Renderer renderer(surface);
    r::TextRenderer text(renderer);
    const SDL_Color white{255, 255, 255, 255};
    for (int frame = 0; frame < 600; ++frame) {
        SDL_SetRenderDrawColor(renderer.get(), 0, 0, 0, 255);
        SDL_RenderClear(renderer.get());
        const SDL_Point size = text.draw("HALTED", {4, 4}, 16, white);  // the same text every frame
        for (int i = 0; i < 8; ++i) text.draw("p99 " + std::to_string(frame * 8 + i) + " ms", {4, 40}, 12, white);
        REQUIRE(brightPixels(renderer, {4, 4, size.x, size.y}) > 20);
        REQUIRE(text.cachedCount() <= r::TextRenderer::kMaxCached);
    }
}
