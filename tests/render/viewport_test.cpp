// The pixel scale (whole where one fills the output, else fractional) and letterbox for common and odd outputs.
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

TEST_CASE("odd sizes fill the output at a fractional scale, centred, bars only for the aspect") {
    Viewport view;
    view.fit(1366, 768);  // 4.2667 (height-limited): 1365x768
    CHECK_FALSE(view.integral());
    CHECK(view.scale() == doctest::Approx(768.0 / 180));
    CHECK(view.wholeScale() == 4);
    CHECK(view.playfield().h == 768);
    CHECK(view.playfield().w == 1365);
    CHECK(view.playfield().x == 0);
    CHECK(view.playfield().y == 0);
    view.fit(800, 600);  // 2.5: 800x450, bars of 75
    CHECK(view.scale() == doctest::Approx(2.5));
    CHECK(view.playfield().x == 0);
    CHECK(view.playfield().y == 75);
    CHECK(view.playfield().w == 800);
    view.fit(1279, 720);  // one pixel short of 4x: just under 4, not 3
    CHECK(view.scale() == doctest::Approx(1279.0 / 320));
    CHECK(view.playfield().w == 1279);
    view.fit(1080, 1920);  // portrait
    CHECK(view.scale() == doctest::Approx(1080.0 / 320));
    CHECK(view.playfield().y == (1920 - 608) / 2);
    view.fit(200, 100);  // smaller than the playfield: shrunk, whole
    CHECK(view.scale() == doctest::Approx(100.0 / 180));
    CHECK(view.playfield().x == (200 - 178) / 2);
    CHECK(view.wholeScale() == 1);
    view.fit(1280, 900);  // a whole scale filling the width is kept whole
    CHECK(view.integral());
    CHECK(view.scale() == 4);
    CHECK(view.playfield().y == 90);
    CHECK(Viewport::scaleFor(480, 270, 1920, 1080) == 4);
    CHECK(Viewport::scaleFor(480, 270, 1280, 720) == doctest::Approx(1280.0 / 480));
}

TEST_CASE("rectangles sharing an edge share it on the output at a fractional scale") {
    Viewport view(640, 360);
    view.fit(1024, 768);
    for (int x = 0; x < 640; x += 16) {
        const SDL_Rect a = view.toOutput(SDL_Rect{x, 10, 16, 16});
        const SDL_Rect b = view.toOutput(SDL_Rect{x + 16, 10, 16, 16});
        CHECK(a.x + a.w == b.x);
    }
    const SDL_Rect last = view.toOutput(SDL_Rect{624, 344, 16, 16});
    CHECK(last.x + last.w == 1024);
    CHECK(last.y + last.h == view.playfield().y + view.playfield().h);
}

TEST_CASE("logical and output coordinates convert both ways") {
    Viewport view;
    view.fit(1366, 900);  // 1366 / 320 = 4.26875: 1366x768, 66 above
    const float s = 1366.0F / 320.0F;
    const SDL_Point corner = view.toOutput(0.0F, 0.0F);
    CHECK(corner.x == 0);
    CHECK(corner.y == 66);
    const SDL_Point half = view.toOutput(10.5F, 2.25F);  // fractions land on output pixels
    CHECK(half.x == Viewport::roundToInt(10.5F * s));
    CHECK(half.y == 66 + Viewport::roundToInt(2.25F * s));
    const SDL_FPoint back = view.toLogical({Viewport::roundToInt(100.0F * s), 66 + Viewport::roundToInt(50.0F * s)});
    CHECK(back.x == doctest::Approx(100.0).epsilon(0.01));
    CHECK(back.y == doctest::Approx(50.0).epsilon(0.01));
    CHECK(view.inPlayfield({0, 66}));
    CHECK_FALSE(view.inPlayfield({0, 65}));
    CHECK_FALSE(view.inPlayfield({100, 66 + 768}));
    view.fit(1920, 1080);  // whole: 6
    const SDL_Rect rect = view.toOutput(SDL_Rect{1, 2, 3, 4});
    CHECK(rect.x == 6);
    CHECK(rect.w == 18);
    CHECK(rect.h == 24);
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
