#pragma once
// A clock for tests of backoff and informers: time moves only when a test
// advances it or when something sleeps on it (the sleep returns at once and
// is recorded), so every delay can be checked exactly. Thread-safe, since an
// informer's thread sleeps on it while the test reads it.
#include <mutex>
#include <vector>

#include "client/clock.hpp"

namespace meshlings::k8s::testing {

class FakeClock : public Clock {
public:
    TimePoint now() const override {
        std::lock_guard lock(m_mutex);
        return m_now;
    }

    bool sleepFor(std::chrono::milliseconds delay, std::stop_token stop) override {
        std::lock_guard lock(m_mutex);
        m_sleeps.push_back(delay);
        m_now += delay;
        return !stop.stop_requested();
    }

    void advance(std::chrono::milliseconds by) {
        std::lock_guard lock(m_mutex);
        m_now += by;
    }

    std::vector<std::chrono::milliseconds> sleeps() const {
        std::lock_guard lock(m_mutex);
        return m_sleeps;
    }

private:
    mutable std::mutex m_mutex;
    TimePoint m_now{};
    std::vector<std::chrono::milliseconds> m_sleeps;
};

// Hands out the given numbers in turn, then the last one for ever.
class ScriptedRandom {
public:
    explicit ScriptedRandom(std::vector<double> values) : m_values(std::move(values)) {}
    double operator()() {
        std::lock_guard lock(m_mutex);
        const double value = m_values.empty() ? 0.0 : m_values[std::min(m_next, m_values.size() - 1)];
        ++m_next;
        return value;
    }

private:
    std::mutex m_mutex;
    std::vector<double> m_values;
    std::size_t m_next = 0;
};

}  // namespace meshlings::k8s::testing
