// The fixed timestep with an injected time source: whole ticks, the
// leftover as alpha, a clamped frame, a cap on steps per frame.
#include "app/fixed_step_clock.hpp"

#include <doctest/doctest.h>

using meshlings::app::FixedStepClock;

namespace {
struct FakeTime {
    double now = 100;
    FixedStepClock::Seconds source() {
        return [this] { return now; };
    }
};
}  // namespace

TEST_CASE("time is spent in whole ticks and the rest is alpha") {
    FakeTime time;
    FixedStepClock clock(time.source(), 60);
    CHECK(clock.advance() == 0);
    time.now += 2.5 / 60;
    CHECK(clock.advance() == 2);
    CHECK(clock.alpha() == doctest::Approx(0.5));
    time.now += 0.5 / 60 + 1e-9;
    CHECK(clock.advance() == 1);
    CHECK(clock.alpha() == doctest::Approx(0).epsilon(1e-6));
    CHECK(clock.elapsed() == doctest::Approx(3.0 / 60));
}

TEST_CASE("a long stall is clamped and a frame never runs more than the cap") {
    FakeTime time;
    FixedStepClock clock(time.source(), 60);
    time.now += 30;  // a debugger, a dragged window
    CHECK(clock.advance() == FixedStepClock::kMaxStepsPerFrame);
    CHECK(clock.alpha() < 1.0);
    // What the cap left over is not carried on: the next frame is normal.
    time.now += 1.0 / 60;
    CHECK(clock.advance() <= 2);
}

TEST_CASE("time going backwards runs nothing; resync forgets the time passed") {
    FakeTime time;
    FixedStepClock clock(time.source(), 60);
    time.now -= 1;
    CHECK(clock.advance() == 0);
    time.now += 5;
    clock.resync();
    CHECK(clock.advance() == 0);
}
