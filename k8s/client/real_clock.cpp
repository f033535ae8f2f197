#include "client/real_clock.hpp"

#include <condition_variable>
#include <mutex>

namespace meshlings::k8s {

Clock::TimePoint RealClock::now() const {
    return std::chrono::steady_clock::now();
}

bool RealClock::sleepFor(std::chrono::milliseconds delay, std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    // Nothing notifies `wake` but the stop request, so the predicate is all it waits on.
    wake.wait_for(lock, stop, delay, [] { return false; });
    return !stop.stop_requested();
}

}  // namespace meshlings::k8s
