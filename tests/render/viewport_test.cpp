// The whole-number pixel scale and letterbox for common and odd outputs.
#include "viewport.hpp"

#include <doctest/doctest.h>

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

TEST_CASE("a custom logical size") {
    Viewport view(480, 270);
    view.fit(1920, 1080);
    CHECK(view.scale() == 4);
    CHECK_THROWS_AS(Viewport(0, 10), std::invalid_argument);
}
