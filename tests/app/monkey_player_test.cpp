// The monkey player's events: seeded (same seed, same events), covering
// every binding of the input table (keys, pad buttons) plus clicks, drags
// and window sizes; a world that stands still is resumed. The frame-time
// figure the window prints. A compressed clock's cap on ticks per frame.
#include "app/monkey_player.hpp"

#include <doctest/doctest.h>

#include <set>

#include "app/fixed_step_clock.hpp"
#include "app/frame_times.hpp"
#include "app/input_bindings.hpp"

using meshlings::app::FixedStepClock;
using meshlings::app::FrameTimes;
using meshlings::app::InputBindings;
using meshlings::app::MonkeyMoves;
using meshlings::app::MonkeyPlayer;
using meshlings::app::MonkeyTarget;
using meshlings::app::MonkeyView;

namespace {

MonkeyView monkeyTestView() {
    MonkeyView view;
    view.width = 1280;
    view.height = 720;
    view.at = [](int x, int y) {
        if (x < 100 && y < 100) return MonkeyTarget::Pod;
        if (x > 1000 && y > 600) return MonkeyTarget::Choice;
        return MonkeyTarget::Elsewhere;
    };
    return view;
}

std::vector<SDL_Event> monkeyTestEvents(std::uint64_t seed, int frames) {
    MonkeyPlayer monkey(seed);
    std::vector<SDL_Event> all;
    const MonkeyView view = monkeyTestView();
    for (int i = 0; i < frames; ++i) {
        MonkeyMoves moves = monkey.frame(view, 1.0 / 60);
        all.insert(all.end(), moves.events.begin(), moves.events.end());
    }
    return all;
}

}  // namespace

TEST_CASE("the monkey: the same seed makes the same events, another seed others") {
    const auto a = monkeyTestEvents(7, 3000);
    const auto b = monkeyTestEvents(7, 3000);
    const auto c = monkeyTestEvents(8, 3000);
    REQUIRE(a.size() == b.size());
    REQUIRE(!a.empty());
    bool same = true;
    for (std::size_t i = 0; i < a.size(); ++i) {
        same = same && a[i].type == b[i].type && a[i].key.keysym.sym == b[i].key.keysym.sym;
    }
    CHECK(same);
    bool differs = a.size() != c.size();
    for (std::size_t i = 0; !differs && i < a.size(); ++i) differs = a[i].type != c[i].type;
    CHECK(differs);
}

TEST_CASE("the monkey presses every key and pad button of the input table, clicks, drags and resizes") {
    MonkeyPlayer monkey(16);
    const MonkeyView view = monkeyTestView();
    std::set<SDL_Keycode> keys;
    std::set<int> pads;
    std::set<int> buttons;
    bool drag = false;
    bool podClick = false;
    int resizes = 0;
    for (int i = 0; i < 60 * 60 * 20; ++i) {
        const MonkeyMoves moves = monkey.frame(view, 1.0 / 60);
        if (moves.resize) ++resizes;
        for (const SDL_Event& event : moves.events) {
            if (event.type == SDL_KEYDOWN) keys.insert(event.key.keysym.sym);
            if (event.type == SDL_CONTROLLERBUTTONDOWN) pads.insert(event.cbutton.button);
            if (event.type == SDL_MOUSEBUTTONDOWN) {
                buttons.insert(event.button.button);
                podClick = podClick || (event.button.x < 100 && event.button.y < 100);
            }
            drag = drag || (event.type == SDL_MOUSEMOTION && event.motion.state == SDL_BUTTON_LMASK);
        }
    }
    for (const auto& binding : InputBindings::keys()) CHECK_MESSAGE(keys.count(binding.key) == 1, binding.key);
    for (const auto& binding : InputBindings::padButtons()) CHECK(pads.count(binding.button) == 1);
    for (const auto& binding : InputBindings::mouseButtons()) CHECK(buttons.count(binding.button) == 1);
    CHECK(drag);
    CHECK(podClick);  // sampling found the pod's corner (1/70 of the window) for aimed clicks
    CHECK(resizes > 0);
}

TEST_CASE("the monkey resumes a world that stands still: Escape for a menu, P for the paused clock") {
    MonkeyPlayer monkey(3, 0);  // no random actions: only the resumes
    MonkeyView view = monkeyTestView();
    view.menuOpen = true;
    SDL_Keycode pressed = SDLK_UNKNOWN;
    int frames = 0;
    for (; frames < 120 && pressed == SDLK_UNKNOWN; ++frames) {
        for (const SDL_Event& event : monkey.frame(view, 1.0 / 60).events) {
            if (event.type == SDL_KEYDOWN) pressed = event.key.keysym.sym;
        }
    }
    CHECK(pressed == SDLK_ESCAPE);
    CHECK(frames <= 31);  // within half a second
    view.menuOpen = false;
    view.worldPaused = true;
    pressed = SDLK_UNKNOWN;
    for (frames = 0; frames < 120 && pressed == SDLK_UNKNOWN; ++frames) {
        for (const SDL_Event& event : monkey.frame(view, 1.0 / 60).events) {
            if (event.type == SDL_KEYDOWN) pressed = event.key.keysym.sym;
        }
    }
    CHECK(pressed == SDLK_p);
    view.worldPaused = false;
    for (frames = 0; frames < 600; ++frames) CHECK(monkey.frame(view, 1.0 / 60).events.empty());
}

TEST_CASE("frame times: count, p50, p99 and max in 0.1 ms buckets") {
    FrameTimes times;
    CHECK(times.percentileMs(0.99) == 0);
    for (int i = 0; i < 98; ++i) times.add(0.00805);
    times.add(0.05005);
    times.add(0.120);
    CHECK(times.count() == 100);
    CHECK(times.percentileMs(0.5) == doctest::Approx(8.1));
    CHECK(times.percentileMs(0.99) == doctest::Approx(50.1));
    CHECK(times.maxMs() == doctest::Approx(120));
    CHECK(times.line("frame time") == "frame time: 100 frames, p50 8.1 ms, p99 50.1 ms, max 120.0 ms");
}

TEST_CASE("a compressed clock steps as many more ticks per frame as it is faster") {
    double now = 0;
    FixedStepClock normal([&now] { return now; });
    FixedStepClock eightTimes([&now] { return now; }, 60.0 * 8);
    CHECK(normal.maxSteps() == FixedStepClock::kMaxStepsPerFrame);
    CHECK(eightTimes.maxSteps() == FixedStepClock::kMaxStepsPerFrame * 8);
    now += 0.1001;  // off a tick's edge: 6.006 and 48.05 ticks
    CHECK(normal.advance() == 6);
    CHECK(eightTimes.advance() == 48);
}
