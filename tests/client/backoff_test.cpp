// The informer's backoff with an injected clock and random source: client-go's
// 800 ms doubling to a 30 s cap, jitter 1.0, and the reset after two minutes
// without a failure.
#include "client/backoff.hpp"

#include <doctest/doctest.h>

#include <memory>

#include "fake_clock.hpp"

using namespace meshlings::k8s;
using meshlings::k8s::testing::FakeClock;
using meshlings::k8s::testing::ScriptedRandom;
using std::chrono::milliseconds;

namespace {

Backoff::Random fixed(double value) {
    return [value] { return value; };
}

}  // namespace

TEST_CASE("backoff doubles from 800 ms up to the 30 s cap without jitter") {
    FakeClock clock;
    Backoff backoff({}, clock, fixed(0.0));
    std::vector<long> delays;
    for (int i = 0; i < 8; ++i) delays.push_back(static_cast<long>(backoff.next().count()));
    CHECK(delays == std::vector<long>{800, 1600, 3200, 6400, 12800, 25600, 30000, 30000});
    CHECK(backoff.base() == milliseconds(30000));
}

TEST_CASE("jitter 1.0 stretches each delay by delay x r, r from the random source") {
    FakeClock clock;
    auto random = std::make_shared<ScriptedRandom>(std::vector<double>{0.5, 0.25, 0.999, 0.0});
    Backoff backoff({}, clock, [random] { return (*random)(); });
    CHECK(backoff.next() == milliseconds(1200));  // 800 x 1.5
    CHECK(backoff.next() == milliseconds(2000));  // 1600 x 1.25
    CHECK(backoff.next() == milliseconds(6396));  // 3200 x 1.999 (rounded down)
    CHECK(backoff.next() == milliseconds(6400));  // 6400 x 1.0
}

TEST_CASE("the jitter applies on top of the cap, and a random number out of [0,1] is clamped") {
    FakeClock clock;
    BackoffPolicy policy;
    policy.initial = milliseconds(40'000);  // above the cap: used once, then the cap
    Backoff backoff(policy, clock, fixed(0.5));
    CHECK(backoff.next() == milliseconds(60'000));
    CHECK(backoff.next() == milliseconds(45'000));

    Backoff negative({}, clock, fixed(-3.0));
    CHECK(negative.next() == milliseconds(800));
    Backoff huge({}, clock, fixed(7.0));
    CHECK(huge.next() == milliseconds(1600));
    Backoff none({}, clock, nullptr);
    CHECK(none.next() == milliseconds(800));
}

TEST_CASE("after two minutes healthy the backoff starts again from 800 ms") {
    FakeClock clock;
    Backoff backoff({}, clock, fixed(0.0));
    CHECK(backoff.next() == milliseconds(800));
    clock.advance(milliseconds(800));  // the wait itself
    CHECK(backoff.next() == milliseconds(1600));
    clock.advance(milliseconds(1600));
    CHECK(backoff.next() == milliseconds(3200));

    // Healthy for 119.9 s after the wait ended: not long enough.
    clock.advance(milliseconds(3200 + 119'900));
    CHECK(backoff.next() == milliseconds(6400));
    // Healthy for 2 minutes after the 6.4 s wait: back to the start.
    clock.advance(milliseconds(6400 + 120'000));
    CHECK(backoff.next() == milliseconds(800));
    CHECK(backoff.next() == milliseconds(1600));
}

TEST_CASE("the healthy time counts from the end of the last wait, not its start") {
    FakeClock clock;
    Backoff backoff({}, clock, fixed(0.0));
    for (int i = 0; i < 7; ++i) backoff.next();  // the base is at the 30 s cap
    // 2 minutes after the last 30 s wait began is only 90 s of health.
    clock.advance(milliseconds(120'000));
    CHECK(backoff.next() == milliseconds(30'000));
    clock.advance(milliseconds(150'000));
    CHECK(backoff.next() == milliseconds(800));
}

TEST_CASE("reset() starts again at once; a custom policy is followed") {
    FakeClock clock;
    BackoffPolicy policy;
    policy.initial = milliseconds(10);
    policy.cap = milliseconds(35);
    policy.factor = 3.0;
    policy.jitter = 0.0;
    Backoff backoff(policy, clock, fixed(0.9));
    CHECK(backoff.next() == milliseconds(10));
    CHECK(backoff.next() == milliseconds(30));
    CHECK(backoff.next() == milliseconds(35));
    backoff.reset();
    CHECK(backoff.next() == milliseconds(10));
}
