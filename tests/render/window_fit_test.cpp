// Issue 16: the default 1280x720 window was cut off on a 1024x768 projector.
// Expected: the window fits the display's usable area, keeping its shape.
#include "render/window_fit.hpp"

#include <doctest/doctest.h>

using meshlings::render::WindowFit;

TEST_CASE("the default window fits a 1024x768 display, keeping 16:9") {
    const SDL_Point fitted = WindowFit::fit({1280, 720}, {1024, 768});
    CHECK(fitted.x == 1024);
    CHECK(fitted.y == 576);
    const SDL_Point withBorders = WindowFit::fit({1280, 720}, {1024, 740}, {2, 30});
    CHECK(withBorders.x <= 1022);
    CHECK(withBorders.y <= 710);
    CHECK(withBorders.x * 720 == doctest::Approx(withBorders.y * 1280).epsilon(0.01));
}

TEST_CASE("a window that fits is kept as asked; a tall display limits by height") {
    CHECK(WindowFit::fit({1280, 720}, {1920, 1050}).x == 1280);
    CHECK(WindowFit::fit({1280, 720}, {1920, 1050}).y == 720);
    const SDL_Point tall = WindowFit::fit({1280, 720}, {1366, 600});
    CHECK(tall.y == 600);
    CHECK(tall.x == 1066);
    const SDL_Point odd = WindowFit::fit({800, 600}, {0, 0});
    CHECK(odd.x == 800);
    CHECK(odd.y == 600);
}

TEST_CASE("issue 16: --fullscreen opens the window at the display's whole size") {
    // Observed before: `play --fullscreen` on a 1024x768 X server without a window manager (Xvfb) opened a
    // 1024x576 window that nothing made fullscreen, while SDL drew a 1024x768 frame for the desktop's size:
    // its top 192 rows were cut off. Expected: the window is made as large as the display.
    const SDL_Point full = WindowFit::initial({1280, 720}, {1024, 740}, {1024, 768}, true);
    CHECK(full.x == 1024);
    CHECK(full.y == 768);
    const SDL_Point windowed = WindowFit::initial({1280, 720}, {1024, 768}, {1024, 768}, false);
    CHECK(windowed.x == 1024);
    CHECK(windowed.y == 576);
    const SDL_Point unknown = WindowFit::initial({1280, 720}, {1920, 1080}, {0, 0}, true);
    CHECK(unknown.x == 1280);
}
