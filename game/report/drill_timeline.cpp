#include "report/drill_timeline.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::report {

DrillTimeline::DrillTimeline(int latencyObjectiveMs) : m_rule(latencyObjectiveMs) {}

void DrillTimeline::observe(world::Tick at, const world::ProbeResult& probe) {
    const int second = static_cast<int>(at.value / world::kTicksPerSecond);
    if (m_buckets.empty()) m_first = second;
    if (second < m_first) return;  // not in tick order: ignored
    const auto index = static_cast<std::size_t>(second - m_first);
    if (index >= m_buckets.size()) m_buckets.resize(index + 1);
    Bucket& bucket = m_buckets[index];
    if (m_rule.isGood(probe)) ++bucket.good;
    bucket.latencies.push_back(probe.latencyMs);
}

std::vector<TimelineSecond> DrillTimeline::seconds() const {
    std::vector<TimelineSecond> out;
    out.reserve(m_buckets.size());
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        const Bucket& bucket = m_buckets[i];
        TimelineSecond s;
        s.second = m_first + static_cast<int>(i);
        s.good = bucket.good;
        s.total = bucket.latencies.size();
        if (s.total > 0) {
            s.availability = static_cast<double>(s.good) / static_cast<double>(s.total);
            std::vector<int> sorted = bucket.latencies;
            std::sort(sorted.begin(), sorted.end());
            // Nearest rank: the smallest latency with at least 99 % at or below it.
            const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(sorted.size())));
            s.p99Ms = sorted[std::max<std::size_t>(rank, 1) - 1];
        }
        out.push_back(s);
    }
    return out;
}

std::pair<std::uint64_t, std::uint64_t> DrillTimeline::between(int fromSecond, int toSecond) const {
    std::uint64_t good = 0;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < m_buckets.size(); ++i) {
        const int second = m_first + static_cast<int>(i);
        if (second < fromSecond || second >= toSecond) continue;
        good += m_buckets[i].good;
        total += m_buckets[i].latencies.size();
    }
    return {good, total};
}

std::optional<int> DrillTimeline::lastSecond() const {
    if (m_buckets.empty()) return std::nullopt;
    return m_first + static_cast<int>(m_buckets.size()) - 1;
}

}  // namespace meshlings::report
