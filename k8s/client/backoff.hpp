#pragma once
// How long an informer waits after a failed list or watch, as client-go's
// reflector does: 800 ms doubling to a 30 s cap, each wait stretched by a
// random jitter (delay x (1 + jitter x r), r uniform in [0,1)), back to the
// start once the link has been healthy for 2 minutes. The clock and the
// random source are injected so tests pin every delay. Owned and used by
// one informer thread; not thread-safe.
#include <chrono>
#include <functional>
#include <optional>

#include "client/clock.hpp"

namespace meshlings::k8s {

struct BackoffPolicy {
    std::chrono::milliseconds initial{800};
    std::chrono::milliseconds cap{30'000};  // of the delay before jitter
    double factor = 2.0;
    double jitter = 1.0;
    std::chrono::milliseconds resetAfter{120'000};  // healthy this long: start again from `initial`
};

class Backoff {
public:
    using Random = std::function<double()>;  // uniform in [0,1)

    // `clock` must outlive the backoff.
    Backoff(BackoffPolicy policy, const Clock& clock, Random random);

    // The wait before the next attempt; each call without a reset doubles the next one.
    std::chrono::milliseconds next();
    void reset();

    // The delay, before jitter, that the next call starts from.
    std::chrono::milliseconds base() const { return m_base; }
    const BackoffPolicy& policy() const { return m_policy; }

private:
    double draw();

    BackoffPolicy m_policy;
    const Clock& m_clock;
    Random m_random;
    std::chrono::milliseconds m_base;
    std::optional<Clock::TimePoint> m_waitEnds;  // when the last wait handed out ends: healthy time counts from there
};

}  // namespace meshlings::k8s
