#pragma once
// Time as the informers see it: a monotonic now() and a sleep that a stop
// request cuts short. The informer owns one (RealClock unless its options
// give another); tests pass a fake whose sleeps return at once and whose
// time moves only when they say, as client-go injects its clock.
#include <chrono>
#include <stop_token>

namespace meshlings::k8s {

class Clock {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    Clock() = default;
    Clock(const Clock&) = delete;
    Clock& operator=(const Clock&) = delete;
    virtual ~Clock() = default;

    virtual TimePoint now() const = 0;
    // Waits `delay`, or less when `stop` is requested; false when stopped.
    virtual bool sleepFor(std::chrono::milliseconds delay, std::stop_token stop) = 0;
};

}  // namespace meshlings::k8s
