// Issue 16, "Legible chaos": a Deployment of 5,000 pods drew ~36 pods
// stacked over the platforms above its own and no count. Expected: a few
// pods, a stack and a plaque with the count of the rest ("×4,995") in the
// platform's rectangle (PodStack::room), nothing drawn outside it; every
// pod of a small Deployment in its own slot as before.
#include "render/pod_stack.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "render/offscreen_screen.hpp"
#include "render/sdl_context.hpp"
#include "render/text_log.hpp"
#include "world/model/world.hpp"
#include "world/replay/replay_verifier.hpp"

namespace r = meshlings::render;
namespace w = meshlings::world;

namespace {

w::PodObservation reviewsPod(int i) {
    w::PodObservation p;
    p.name = "reviews-v1-" + std::to_string(i);
    p.deployment = "reviews-v1";
    p.app = "reviews";
    p.version = "v1";
    p.state = w::PodState::Ready;
    p.readyContainers = p.totalContainers = 2;
    return p;
}

// One frame of the sandbox with `pods` Ready reviews-v1 pods, at `width` x `height`; the target's pixels.
struct Frame {
    std::vector<std::uint8_t> pixels;
    int pitch = 0;
    r::TextLog log;
    r::Viewport viewport{640, 360};
};

void draw(Frame& frame, int pods, int width, int height) {
    r::OffscreenScreen offscreen(width, height);
    w::World world(w::ReplayVerifier::sandboxLevel(), 5, offscreen.screen().effects());
    world.submit(w::ConnectionChanged{w::ConnectionState::Connected, "", ""});
    for (int i = 0; i < pods; ++i) world.submit(w::PodUpserted{reviewsPod(i)});
    world.step();
    offscreen.canvas().setTextLog(&frame.log);
    offscreen.screen().draw(world, 0, r::PlayerUi{});
    offscreen.canvas().setTextLog(nullptr);
    SDL_RenderFlush(offscreen.renderer().get());
    const SDL_Surface* s = offscreen.renderer().softwareTarget();
    REQUIRE(s != nullptr);
    frame.pitch = s->pitch;
    const auto* first = static_cast<const std::uint8_t*>(s->pixels);
    frame.pixels.assign(first, first + static_cast<std::ptrdiff_t>(s->pitch) * s->h);
    frame.viewport = offscreen.canvas().viewport();
}

const w::Platform& reviewsV1() {
    static const w::BookinfoMap map;
    return map.platform(w::MapNode::ReviewsV1);
}

bool inside(const SDL_FRect& box, const SDL_Rect& room) {
    return box.x >= static_cast<float>(room.x) && box.y >= static_cast<float>(room.y) &&
           box.x + box.w <= static_cast<float>(room.x + room.w) && box.y + box.h <= static_cast<float>(room.y + room.h);
}

}  // namespace

TEST_CASE("PodStack: the badge is the count with thousands separators") {
    CHECK(r::PodStack::badgeText(4995) ==
          "\xC3\x97"
          "4,995");
    CHECK(r::PodStack::badgeText(7) ==
          "\xC3\x97"
          "7");
    CHECK(r::PodStack::thousands(1234567) == "1,234,567");
    CHECK(r::PodStack::thousands(100) == "100");
    CHECK_FALSE(r::PodStack::stacked(12));
    CHECK(r::PodStack::stacked(13));
    const SDL_Rect room = r::PodStack::room(reviewsV1());
    for (const SDL_Point at : r::PodStack::layers(reviewsV1())) {
        const SDL_FRect sprite{static_cast<float>(at.x), static_cast<float>(at.y), 16, 20};
        CHECK(inside(sprite, room));
    }
    for (const float textH : {6.0F, 9.0F, 12.0F, 16.0F}) {
        const SDL_Rect plaque = r::PodStack::plaque(reviewsV1(), 30, textH);
        CHECK(inside(SDL_FRect{static_cast<float>(plaque.x), static_cast<float>(plaque.y), static_cast<float>(plaque.w),
                               static_cast<float>(plaque.h)},
                     room));
    }
}

TEST_CASE("issue 16: a Deployment of 5,000 pods draws a stack with its count inside its platform") {
    const r::SdlContext sdl(false);
    for (const SDL_Point size : {SDL_Point{1280, 720}, SDL_Point{1024, 768}, SDL_Point{1920, 1080}}) {
        CAPTURE(size.x);
        Frame empty;
        Frame full;
        draw(empty, 0, size.x, size.y);
        draw(full, 5000, size.x, size.y);
        // The badge: the real count of the pods in the stack, on the platform.
        const r::LoggedText* badge = nullptr;
        for (const r::LoggedText& t : full.log.texts()) {
            if (t.text == r::PodStack::badgeText(5000 - r::PodStack::kSingles)) badge = &t;
        }
        REQUIRE(badge != nullptr);
        CHECK(badge->text ==
              "\xC3\x97"
              "4,995");
        const SDL_Rect room = r::PodStack::room(reviewsV1());
        CHECK(inside(badge->box, room));
        // Every output pixel the 5,000 pods changed lies in the platform's room (in output pixels, one of slack
        // for the fractional scales' rounding).
        const SDL_Rect out = full.viewport.toOutput(room);
        REQUIRE(empty.pixels.size() == full.pixels.size());
        int outside = 0;
        int changed = 0;
        for (std::size_t i = 0; i + 4 <= full.pixels.size(); i += 4) {
            if (std::memcmp(&full.pixels[i], &empty.pixels[i], 4) == 0) continue;
            ++changed;
            const int x = static_cast<int>(i % static_cast<std::size_t>(full.pitch)) / 4;
            const int y = static_cast<int>(i / static_cast<std::size_t>(full.pitch));
            if (x < out.x - 1 || x > out.x + out.w || y < out.y - 1 || y > out.y + out.h) ++outside;
        }
        CHECK(changed > 0);
        CHECK(outside == 0);
    }
}

TEST_CASE("a Deployment of up to two rows of pods stands every pod in its own slot, no badge") {
    const r::SdlContext sdl(false);
    Frame frame;
    draw(frame, 12, 1280, 720);
    for (const r::LoggedText& t : frame.log.texts()) CHECK(t.text.rfind("\xC3\x97", 0) != 0);
}
