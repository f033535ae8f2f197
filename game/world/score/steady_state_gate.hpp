#pragma once
// The steady-state gate (Chaos Toolkit's hypothesis before the method, a
// Litmus SoT probe): before the first disruptive action the probe must have
// watched the system for `span` (10 s by default) and, over the last `span`
// before that action, at least `minPercent` (99 %) of its requests must have
// been good. When it is not met the session is "not steady" and is not
// scored. Fed every probe result before chaos; owned by the ResilienceScore.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "world/model/tick.hpp"

namespace meshlings::world {

struct SteadyState {
    bool judged = false;  // false until the first action (or the end of a session without one)
    bool met = false;
    std::uint64_t good = 0;  // over the gate's span
    std::uint64_t total = 0;
    std::optional<double> percent;
    double watchedSeconds = 0;  // from the probe's first request to the judgement
    std::string reason;         // why not met; empty when met
};

class SteadyStateGate {
public:
    static constexpr std::int64_t kDefaultSpanTicks = 10 * kTicksPerSecond;
    static constexpr double kDefaultMinPercent = 99;

    explicit SteadyStateGate(std::int64_t spanTicks = kDefaultSpanTicks, double minPercent = kDefaultMinPercent);

    // One probe request answered at `at` (ticks never go back).
    void observe(Tick at, bool good);
    // The gate as it stands for chaos starting at `chaosStarts`: over the
    // requests in [chaosStarts - span, chaosStarts).
    SteadyState judge(Tick chaosStarts) const;

    std::int64_t spanTicks() const { return m_span; }
    double minPercent() const { return m_minPercent; }

private:
    struct Sample {
        Tick at;
        bool good = false;
    };

    std::int64_t m_span;
    double m_minPercent;
    std::optional<Tick> m_firstSeen;
    std::deque<Sample> m_recent;  // the last `span` of samples, and then some
};

}  // namespace meshlings::world
