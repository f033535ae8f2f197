#include "latency_record.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::world {

std::optional<int> LatencyRecord::percentileMs(double percentile) const {
    if (m_latencies.empty()) return std::nullopt;
    std::vector<int> latencies = m_latencies;
    const auto n = latencies.size();
    auto rank = static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(n)));
    rank = std::clamp<std::size_t>(rank, 1, n);
    const auto nth = latencies.begin() + static_cast<std::ptrdiff_t>(rank - 1);
    std::nth_element(latencies.begin(), nth, latencies.end());
    return *nth;
}

}  // namespace meshlings::world
