#include "app/fixed_step_clock.hpp"

#include <algorithm>
#include <cmath>

#include "world/model/tick.hpp"

namespace meshlings::app {

FixedStepClock::FixedStepClock(Seconds now, double ticksPerSecond)
    : m_now(now ? std::move(now) : Seconds(&FixedStepClock::steadySeconds)),
      m_tickSeconds(1.0 / (ticksPerSecond > 0 ? ticksPerSecond : static_cast<double>(world::kTicksPerSecond))),
      m_maxSteps(kMaxStepsPerFrame *
                 std::max(1, static_cast<int>(std::ceil(1.0 / (m_tickSeconds * world::kTicksPerSecond) - 1e-9)))),
      m_start(m_now()),
      m_last(m_start) {}

int FixedStepClock::advance() {
    const double now = m_now();
    const double frame = std::clamp(now - m_last, 0.0, kMaxFrameSeconds);
    m_last = now;
    m_accumulator += frame;
    int steps = 0;
    while (m_accumulator >= m_tickSeconds && steps < m_maxSteps) {
        m_accumulator -= m_tickSeconds;
        ++steps;
    }
    // Past the cap, the time left is dropped rather than carried into later frames.
    m_accumulator = std::min(m_accumulator, m_tickSeconds * 0.999);
    return steps;
}

double FixedStepClock::elapsed() const {
    return m_now() - m_start;
}

void FixedStepClock::resync() {
    m_last = m_now();
}

double FixedStepClock::steadySeconds() {
    const auto since = std::chrono::steady_clock::now().time_since_epoch();
    return std::chrono::duration<double>(since).count();
}

}  // namespace meshlings::app
