#pragma once
// The probe's open-model clock: starts fall due at a steady rate whatever
// happens to earlier requests (a slow service does not slow the probe down,
// as with wrk2 or fortio -qps, unlike a `while curl` loop). Pure arithmetic
// on time points handed in, so tests drive it without sleeping. Owned by the
// ProbeWorker, used on the probe's thread only.
#include <chrono>
#include <optional>

namespace meshlings::mesh {

class StartSchedule {
public:
    using Clock = std::chrono::steady_clock;
    using TimePoint = Clock::time_point;

    static constexpr double kMaxRate = 10000;  // starts per second; more is clamped

    explicit StartSchedule(double perSecond) : m_rate(clampRate(perSecond)) {}

    // The first start is due at `now`.
    void begin(TimePoint now);
    // A new rate from `now` on (0 pauses): the next start is one new interval
    // after the last one, but never in the past, so a change brings no burst.
    void setRate(double perSecond, TimePoint now);
    double rate() const { return m_rate; }

    // The due time of the next start at or before `now`, and the schedule
    // moves past it; nullopt when none is due (or paused, or not begun).
    std::optional<TimePoint> takeDue(TimePoint now);
    // When the next start falls due; nullopt while paused or not begun.
    std::optional<TimePoint> nextDue() const;

    static double clampRate(double perSecond);

private:
    Clock::duration interval() const;

    double m_rate;
    bool m_begun = false;
    TimePoint m_next{};
    std::optional<TimePoint> m_last;  // the due time of the last start taken
};

}  // namespace meshlings::mesh
