#include "client/rate_limiter.hpp"

#include <algorithm>
#include <thread>

namespace meshlings::k8s {

RateLimiter::RateLimiter(double qps, int burst) : m_qps(qps), m_burst(std::max(1, burst)), m_tokens(m_burst) {}

RateLimiter::Clock::duration RateLimiter::reserve(Clock::time_point now) {
    if (m_qps <= 0) return Clock::duration::zero();
    std::lock_guard lock(m_mutex);
    if (m_started && now > m_last) {
        const double elapsed = std::chrono::duration<double>(now - m_last).count();
        m_tokens = std::min(m_burst, m_tokens + elapsed * m_qps);
    }
    if (!m_started || now > m_last) m_last = now;
    m_started = true;
    m_tokens -= 1;
    if (m_tokens >= 0) return Clock::duration::zero();
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(-m_tokens / m_qps));
}

RateLimiter::Clock::duration RateLimiter::wait() {
    const auto delay = reserve(Clock::now());
    if (delay > Clock::duration::zero()) std::this_thread::sleep_for(delay);
    return delay;
}

}  // namespace meshlings::k8s
