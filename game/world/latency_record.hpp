#pragma once
// Every latency of one phase of a session (before chaos, during chaos), for
// its nearest-rank p50/p99: the smallest sample with at least that share of
// the samples at or below it (as RequestStats does for the HUD). Owned by the
// ResilienceScore.
#include <cstddef>
#include <optional>
#include <vector>

namespace meshlings::world {

class LatencyRecord {
public:
    void add(int latencyMs) { m_latencies.push_back(latencyMs); }

    std::size_t size() const { return m_latencies.size(); }
    // nullopt when empty. Copies and partially sorts: O(n).
    std::optional<int> percentileMs(double percentile) const;

private:
    std::vector<int> m_latencies;
};

}  // namespace meshlings::world
