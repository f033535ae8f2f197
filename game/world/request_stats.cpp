#include "request_stats.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::world {

void RequestStats::add(const ProbeResult& probe, Tick now) {
    const bool good = isGood(probe);
    ++m_total;
    if (good) ++m_good;
    switch (probe.outcome) {
        case ProbeOutcome::Full:
            ++m_saved;
            break;
        case ProbeOutcome::Degraded:
            ++m_degraded;
            break;
        case ProbeOutcome::Failed:
            ++m_lost;
            break;
    }
    m_window.push_back(Sample{now, probe.latencyMs, good});
    if (good) ++m_windowGood;
    m_sessionLatencies.push_back(probe.latencyMs);
}

void RequestStats::step(Tick now) {
    while (!m_window.empty() && now - m_window.front().at >= kWindowTicks) {
        if (m_window.front().good) --m_windowGood;
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
    std::vector<int> latencies;
    latencies.reserve(m_window.size());
    for (const Sample& s : m_window) latencies.push_back(s.latencyMs);
    return percentileOf(std::move(latencies), percentile);
}

std::optional<int> RequestStats::sessionPercentileMs(double percentile) const {
    return percentileOf(m_sessionLatencies, percentile);
}

// Nearest-rank percentile: the smallest sample with at least `percentile` % of
// the samples at or below it.
std::optional<int> RequestStats::percentileOf(std::vector<int> latencies, double percentile) {
    if (latencies.empty()) return std::nullopt;
    const auto n = latencies.size();
    auto rank = static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(n)));
    rank = std::clamp<std::size_t>(rank, 1, n);
    const auto nth = latencies.begin() + static_cast<std::ptrdiff_t>(rank - 1);
    std::nth_element(latencies.begin(), nth, latencies.end());
    return *nth;
}

}  // namespace meshlings::world
