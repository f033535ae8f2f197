// Issue 16, "any screen": a 1024x768 projector got the 640x360 playfield
// at 1x in the middle of a black screen, with text 5 to 7 px high.
// Expected: at every output from 800x600 to 4K the game's playfield fills
// the output up to the aspect difference (a whole-number scale where one
// fills it, else the exact fractional one) and every text is at least 14
// output pixels high on 1024x768. Observed before: 640x360 at 1024x768,
// 640x360 at 800x600, text 4.5 logical = 5 px.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"
#include "render/world_screen.hpp"

namespace r = meshlings::render;

namespace {

struct Output {
    int width;
    int height;
    bool wholeScale;  // a whole number fills it (16:9 multiples of 640x360)
};

constexpr Output kOutputs[] = {
    {800, 600, false}, {1024, 768, false}, {1280, 720, true}, {1920, 1080, true}, {3840, 2160, true},
};

}  // namespace

TEST_CASE("the playfield fills every output from 800x600 to 4K up to the aspect difference") {
    const r::SdlContext sdl(false);
    for (const Output& o : kOutputs) {
        CAPTURE(o.width);
        CAPTURE(o.height);
        r::OffscreenScreen offscreen(o.width, o.height);
        r::Canvas& canvas = offscreen.canvas();
        canvas.beginFrame();
        const r::Viewport& view = canvas.viewport();
        const SDL_Rect field = view.playfield();
        // Inside the output, centred, and touching both edges in the limiting direction.
        CHECK(field.x >= 0);
        CHECK(field.y >= 0);
        CHECK(field.x + field.w <= o.width);
        CHECK(field.y + field.h <= o.height);
        CHECK((field.w == o.width || field.h == o.height));
        CHECK(std::abs(field.x * 2 + field.w - o.width) <= 1);
        CHECK(std::abs(field.y * 2 + field.h - o.height) <= 1);
        // Letterboxed only by the aspect: the playfield keeps 640:360 within a pixel.
        const double aspect = static_cast<double>(r::WorldScreen::kLogicalWidth) / r::WorldScreen::kLogicalHeight;
        CHECK(std::abs(field.w - field.h * aspect) <= aspect + 1.0);
        const float scale = static_cast<float>(view.scale());
        if (o.wholeScale) {
            CHECK(scale == std::floor(scale));
            CHECK(field.w == r::WorldScreen::kLogicalWidth * static_cast<int>(scale));
        } else {
            CHECK(scale == doctest::Approx(static_cast<double>(o.width) / r::WorldScreen::kLogicalWidth));
        }
        // Logical corners land on the playfield's corners.
        const SDL_Rect whole =
            view.toOutput(SDL_Rect{0, 0, r::WorldScreen::kLogicalWidth, r::WorldScreen::kLogicalHeight});
        CHECK(whole.x == field.x);
        CHECK(whole.y == field.y);
        CHECK(whole.w == field.w);
        CHECK(whole.h == field.h);
    }
}

TEST_CASE("every text is at least 14 output pixels high at 1024x768, and text grows with the output") {
    const r::SdlContext sdl(false);
    r::OffscreenScreen small(1024, 768);
    small.canvas().beginFrame();
    r::OffscreenScreen large(3840, 2160);
    large.canvas().beginFrame();
    // Every logical size a painter may use, down to the smallest label.
    for (float size = 0.5F; size <= 30.0F; size += 0.5F) {
        CAPTURE(size);
        CHECK(small.canvas().textPixels(size) >= 14);
        // Measured: the line the font draws is at least that high, in output pixels.
        const SDL_FPoint line =
            small.canvas().measureText("Served 77.7 %", r::TextStyle::of(size, r::PaletteColor::White));
        CHECK(line.y * static_cast<float>(small.canvas().viewport().scale()) >= 14.0F);
        CHECK(large.canvas().textPixels(size) >= small.canvas().textPixels(size));
    }
    // Text is drawn at the output's resolution: 6.5 logical is 6.5 x the scale at 4K, not a scaled-up small text.
    CHECK(large.canvas().textPixels(6.5F) == 39);
}
