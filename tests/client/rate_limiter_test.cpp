// The client-side rate limit: a burst goes through at once, then calls are
// spaced at 1/qps, and idle time refills the bucket up to the burst.
#include "client/rate_limiter.hpp"

#include <doctest/doctest.h>

using meshlings::k8s::RateLimiter;
using namespace std::chrono_literals;

TEST_CASE("a token bucket of burst 10 at 5 per second, as client-go's default") {
    RateLimiter limiter(5, 10);
    const auto start = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 10; ++i) CHECK(limiter.reserve(start) == RateLimiter::Clock::duration::zero());
    CHECK(limiter.reserve(start) == 200ms);
    CHECK(limiter.reserve(start) == 400ms);
    // After 2 s idle: the debt of two tokens is paid and 8 more are back, not 10.
    const auto later = start + 2s;
    for (int i = 0; i < 8; ++i) CHECK(limiter.reserve(later) == RateLimiter::Clock::duration::zero());
    CHECK(limiter.reserve(later) == 200ms);
    // A long idle time never gives more than the burst.
    const auto muchLater = later + 1h;
    for (int i = 0; i < 10; ++i) CHECK(limiter.reserve(muchLater) == RateLimiter::Clock::duration::zero());
    CHECK(limiter.reserve(muchLater) > RateLimiter::Clock::duration::zero());
}

TEST_CASE("a qps of zero or less turns the limit off") {
    RateLimiter limiter(-1, 1);
    for (int i = 0; i < 1000; ++i)
        CHECK(limiter.reserve(RateLimiter::Clock::time_point{}) == RateLimiter::Clock::duration::zero());
}
