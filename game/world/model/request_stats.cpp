#include "world/model/request_stats.hpp"

namespace meshlings::world {

void RequestStats::add(const ProbeResult& probe, Tick now) {
    const bool good = isGood(probe);
    ++m_total;
    if (good) ++m_good;
    switch (probe.outcome) {
        case common::PageOutcome::Full:
            ++m_saved;
            break;
        case common::PageOutcome::Degraded:
            ++m_degraded;
            break;
        case common::PageOutcome::Failed:
            ++m_lost;
            break;
    }
    m_window.push_back(Sample{now, probe.latencyMs, good});
    if (good) ++m_windowGood;
    m_windowLatencies.add(probe.latencyMs);
    m_sessionLatencies.add(probe.latencyMs);
}

void RequestStats::step(Tick now) {
    while (!m_window.empty() && now - m_window.front().at >= kWindowTicks) {
        if (m_window.front().good) --m_windowGood;
        m_windowLatencies.remove(m_window.front().latencyMs);
        m_window.pop_front();
    }
}

std::optional<double> RequestStats::sessionSuccessPercent() const {
    if (m_total == 0) return std::nullopt;
    return 100.0 * static_cast<double>(m_good) / static_cast<double>(m_total);
}

std::optional<double> RequestStats::windowSuccessPercent() const {
    if (m_window.empty()) return std::nullopt;
    return 100.0 * static_cast<double>(m_windowGood) / static_cast<double>(m_window.size());
}

std::optional<int> RequestStats::windowPercentileMs(double percentile) const {
    return m_windowLatencies.percentileMs(percentile);
}

std::optional<int> RequestStats::sessionPercentileMs(double percentile) const {
    return m_sessionLatencies.percentileMs(percentile);
}

}  // namespace meshlings::world
