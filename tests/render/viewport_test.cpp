// The whole-number pixel scale and letterbox for common and odd outputs.
#include "render/viewport.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

using meshlings::render::Viewport;

TEST_CASE("720p, 1080p and 4K fill the screen exactly at 4, 6 and 12") {
    Viewport view;
    view.fit(1280, 720);
    CHECK(view.scale() == 4);
    CHECK(view.playfield().x == 0);
    CHECK(view.playfield().y == 0);
    CHECK(view.playfield().w == 1280);
    view.fit(1920, 1080);
    CHECK(view.scale() == 6);
    view.fit(3840, 2160);
    CHECK(view.scale() == 12);
    CHECK(view.playfield().h == 2160);
    view.fit(2560, 1440);  // a 1280x720 window on a HiDPI screen
    CHECK(view.scale() == 8);
}

TEST_CASE("odd sizes get the largest scale that fits, centred with bars") {
    Viewport view;
    view.fit(1366, 768);
    CHECK(view.scale() == 4);
    CHECK(view.playfield().x == 43);
    CHECK(view.playfield().y == 24);
    view.fit(800, 600);
    CHECK(view.scale() == 2);
    CHECK(view.playfield().x == 80);
    CHECK(view.playfield().y == 120);
    view.fit(1279, 720);  // one pixel short of 4x
    CHECK(view.scale() == 3);
    view.fit(1080, 1920);  // portrait
    CHECK(view.scale() == 3);
    CHECK(view.playfield().y == (1920 - 540) / 2);
    view.fit(200, 100);  // smaller than the playfield: 1x, cropped around the centre
    CHECK(view.scale() == 1);
    CHECK(view.playfield().x == -60);
    CHECK(Viewport::scaleFor(480, 270, 1280, 720) == 2);
}

TEST_CASE("logical and output coordinates convert both ways") {
    Viewport view;
    view.fit(1366, 768);
    const SDL_Point corner = view.toOutput(0.0F, 0.0F);
    CHECK(corner.x == 43);
    CHECK(corner.y == 24);
    const SDL_Point half = view.toOutput(10.5F, 2.25F);  // fractions land on output pixels
    CHECK(half.x == 43 + 42);
    CHECK(half.y == 24 + 9);
    const SDL_Rect rect = view.toOutput(SDL_Rect{1, 2, 3, 4});
    CHECK(rect.x == 47);
    CHECK(rect.w == 12);
    CHECK(rect.h == 16);
    const SDL_FPoint back = view.toLogical({43 + 400, 24 + 200});
    CHECK(back.x == doctest::Approx(100.0));
    CHECK(back.y == doctest::Approx(50.0));
    CHECK(view.inPlayfield({43, 24}));
    CHECK_FALSE(view.inPlayfield({42, 24}));
    CHECK_FALSE(view.inPlayfield({43 + 1280, 100}));
}

TEST_CASE("output positions round as std::lround does, halves away from zero") {
    const auto same = [](float v) { return Viewport::roundToInt(v) == static_cast<int>(std::lround(v)); };
    for (const float v : {0.0F, -0.0F, 0.5F, -0.5F, 1.5F, -1.5F, 2.5F, -2.5F, 0.49999997F, -0.49999997F, 8388607.5F,
                          -8388607.5F, 8388609.0F, 16777216.0F, -16777218.0F, 1.0e9F, -1.0e9F}) {
        CAPTURE(v);
        CHECK(same(v));
    }
    // Every float of a wide stretch around the screen, a step of 2^-12 logical pixels.
    for (int i = -(1 << 24); i <= (1 << 24); i += 3) {
        const float v = static_cast<float>(i) / 4096.0F;
        if (!same(v)) {
            CAPTURE(v);
            FAIL("differs from std::lround");
        }
    }
    // And bit patterns near each half: the floats just below and above k + 0.5.
    for (int k = -3000; k <= 3000; ++k) {
        const float half = static_cast<float>(k) + 0.5F;
        for (const float v : {std::nextafter(half, -1.0e9F), half, std::nextafter(half, 1.0e9F)}) {
            if (!same(v)) {
                CAPTURE(v);
                FAIL("differs from std::lround near a half");
            }
        }
    }
}

TEST_CASE("a custom logical size") {
    Viewport view(480, 270);
    view.fit(1920, 1080);
    CHECK(view.scale() == 4);
    CHECK_THROWS_AS(Viewport(0, 10), std::invalid_argument);
}
