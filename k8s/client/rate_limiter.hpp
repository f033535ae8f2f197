#pragma once
// Client-side rate limit in client-go's manner: a token bucket of `burst`
// tokens refilled at `qps` per second (defaults 5 and 10, as rest.Config);
// a caller without a token waits for one. A qps <= 0 turns it off. The
// arithmetic takes the time as an argument so tests control the clock.
#include <chrono>
#include <mutex>

namespace meshlings::k8s {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    RateLimiter(double qps, int burst);

    // Takes a token at `now`, returning how long the caller must wait first
    // (zero when one was there). The token is taken either way.
    Clock::duration reserve(Clock::time_point now);

    // Blocks until a token is there; returns how long it waited.
    Clock::duration wait();

    double qps() const { return m_qps; }

private:
    std::mutex m_mutex;
    double m_qps;
    double m_burst;
    double m_tokens;
    Clock::time_point m_last{};
    bool m_started = false;
};

}  // namespace meshlings::k8s
