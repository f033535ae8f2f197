#pragma once
// Latencies counted per millisecond, for their nearest-rank percentiles (the
// smallest sample with at least that share of the samples at or below it):
// the HUD's p50/p99 over the last 30 s and the session's (RequestStats), and
// before/during chaos (ResilienceScore). A sample can be taken out again, for
// a sliding window. Adding and removing are O(1) and a percentile walks at
// most about 100 blocks of 1,024 ms and one block, however many samples
// there are: the HUD asks twice a frame, over 90,000 samples at 3,000
// requests a second. Memory grows with the largest latency (4 bytes a
// millisecond up to 65.5 s; beyond, and below 0, a map), not with the count.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace meshlings::world {

class LatencyRecord {
public:
    void add(int latencyMs);
    // Takes out one sample of this latency (added before; ignored otherwise).
    void remove(int latencyMs);

    std::size_t size() const { return m_count; }
    // nullopt when empty.
    std::optional<int> percentileMs(double percentile) const;

private:
    static constexpr int kBlock = 1024;         // milliseconds per block
    static constexpr int kDense = 64 * kBlock;  // counted per millisecond below this

    std::vector<std::uint32_t> m_counts;    // per millisecond in [0, kDense), grown as needed
    std::vector<std::uint32_t> m_blocks;    // per kBlock milliseconds
    std::map<int, std::uint32_t> m_sparse;  // below 0 and from kDense on
    std::size_t m_count = 0;
};

}  // namespace meshlings::world
