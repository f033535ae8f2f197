#pragma once
// The steady clock, with sleeps that wake as soon as a stop is requested
// (a condition variable wait on the stop token), so an informer in a long
// backoff stops promptly. Stateless: one may be shared by many informers.
#include "client/clock.hpp"

namespace meshlings::k8s {

class RealClock : public Clock {
public:
    TimePoint now() const override;
    bool sleepFor(std::chrono::milliseconds delay, std::stop_token stop) override;
};

}  // namespace meshlings::k8s
