#include "app/frame_times.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace meshlings::app {

void FrameTimes::add(double seconds) {
    const double ms = std::max(0.0, seconds * 1000.0);
    const auto bucket = std::min(kBuckets - 1, static_cast<std::size_t>(ms / kBucketMs));
    ++m_buckets[bucket];
    ++m_count;
    m_maxMs = std::max(m_maxMs, ms);
}

double FrameTimes::percentileMs(double fraction) const {
    if (m_count == 0) return 0;
    const auto wanted =
        static_cast<std::uint64_t>(std::ceil(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(m_count) - 1e-9));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += m_buckets[i];
        // The bucket's upper edge, and never more than the longest frame seen.
        if (seen >= std::max<std::uint64_t>(wanted, 1)) return std::min(m_maxMs, (i + 1) * kBucketMs);
    }
    return m_maxMs;
}

std::string FrameTimes::line(const std::string& label) const {
    char text[160];
    std::snprintf(text, sizeof text, ": %llu frames, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                  static_cast<unsigned long long>(m_count), percentileMs(0.5), percentileMs(0.99), m_maxMs);
    return label + text;
}

}  // namespace meshlings::app
