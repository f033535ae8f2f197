#include "world/model/latency_record.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::world {

void LatencyRecord::add(int latencyMs) {
    ++m_count;
    if (latencyMs < 0 || latencyMs >= kDense) {
        ++m_sparse[latencyMs];
        return;
    }
    const auto at = static_cast<std::size_t>(latencyMs);
    if (at >= m_counts.size()) {
        m_counts.resize((at / kBlock + 1) * kBlock, 0);
        m_blocks.resize(m_counts.size() / kBlock, 0);
    }
    ++m_counts[at];
    ++m_blocks[at / kBlock];
}

void LatencyRecord::remove(int latencyMs) {
    if (latencyMs < 0 || latencyMs >= kDense) {
        const auto it = m_sparse.find(latencyMs);
        if (it == m_sparse.end()) return;
        if (--it->second == 0) m_sparse.erase(it);
        --m_count;
        return;
    }
    const auto at = static_cast<std::size_t>(latencyMs);
    if (at >= m_counts.size() || m_counts[at] == 0) return;
    --m_counts[at];
    --m_blocks[at / kBlock];
    --m_count;
}

std::optional<int> LatencyRecord::percentileMs(double percentile) const {
    if (m_count == 0) return std::nullopt;
    auto rank = static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(m_count)));
    rank = std::clamp<std::size_t>(rank, 1, m_count);
    std::size_t below = 0;  // samples before the one being looked at
    auto sparse = m_sparse.begin();
    for (; sparse != m_sparse.end() && sparse->first < 0; ++sparse) {
        below += sparse->second;
        if (below >= rank) return sparse->first;
    }
    for (std::size_t block = 0; block < m_blocks.size(); ++block) {
        if (below + m_blocks[block] < rank) {
            below += m_blocks[block];
            continue;
        }
        for (std::size_t ms = block * kBlock;; ++ms) {
            below += m_counts[ms];
            if (below >= rank) return static_cast<int>(ms);
        }
    }
    for (; sparse != m_sparse.end(); ++sparse) {
        below += sparse->second;
        if (below >= rank) return sparse->first;
    }
    return std::nullopt;  // not reached: the counts add up to m_count
}

}  // namespace meshlings::world
