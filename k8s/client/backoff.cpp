#include "client/backoff.hpp"

#include <algorithm>

namespace meshlings::k8s {

using std::chrono::milliseconds;

Backoff::Backoff(BackoffPolicy policy, const Clock& clock, Random random)
    : m_policy(policy), m_clock(clock), m_random(std::move(random)), m_base(policy.initial) {}

void Backoff::reset() {
    m_base = m_policy.initial;
    m_waitEnds.reset();
}

double Backoff::draw() {
    if (!m_random) return 0.0;
    const double r = m_random();
    if (!(r >= 0.0)) return 0.0;  // also NaN
    return std::min(r, 1.0);
}

milliseconds Backoff::next() {
    const auto now = m_clock.now();
    if (m_waitEnds && now - *m_waitEnds >= m_policy.resetAfter) m_base = m_policy.initial;
    const milliseconds delay = m_base;
    const double grown = static_cast<double>(m_base.count()) * std::max(m_policy.factor, 1.0);
    m_base = milliseconds(static_cast<milliseconds::rep>(std::min(grown, static_cast<double>(m_policy.cap.count()))));
    const double jittered = static_cast<double>(delay.count()) * (1.0 + std::max(m_policy.jitter, 0.0) * draw());
    const milliseconds wait(static_cast<milliseconds::rep>(jittered));
    m_waitEnds = now + wait;
    return wait;
}

}  // namespace meshlings::k8s
