#include "mesh/start_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::mesh {

double StartSchedule::clampRate(double perSecond) {
    if (!std::isfinite(perSecond) || perSecond <= 0) return 0;
    return std::min(perSecond, kMaxRate);
}

StartSchedule::Clock::duration StartSchedule::interval() const {
    const std::chrono::duration<double> seconds(1.0 / m_rate);
    return std::max(std::chrono::duration_cast<Clock::duration>(seconds), Clock::duration(1));
}

void StartSchedule::begin(TimePoint now) {
    m_begun = true;
    m_next = now;
    m_last.reset();
}

void StartSchedule::setRate(double perSecond, TimePoint now) {
    const double rate = clampRate(perSecond);
    if (rate == m_rate) return;
    m_rate = rate;
    if (!m_begun || m_rate == 0) return;
    m_next = m_last ? std::max(*m_last + interval(), now) : now;
}

std::optional<StartSchedule::TimePoint> StartSchedule::takeDue(TimePoint now) {
    if (!m_begun || m_rate == 0 || m_next > now) return std::nullopt;
    const TimePoint due = m_next;
    m_last = due;
    m_next += interval();
    return due;
}

std::optional<StartSchedule::TimePoint> StartSchedule::nextDue() const {
    if (!m_begun || m_rate == 0) return std::nullopt;
    return m_next;
}

}  // namespace meshlings::mesh
