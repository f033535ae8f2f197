#pragma once
// The probe's numbers: totals since the world began (saved, degraded, lost,
// good) and, over a sliding window of the last kWindowTicks, the success rate
// and p50/p99 latency the HUD shows; the session's latencies too, for the
// level's p99 objective (counted per millisecond: LatencyRecord). Owned by
// the World.
#include <cstdint>
#include <deque>
#include <optional>

#include "world/model/latency_record.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

class RequestStats {
public:
    static constexpr std::int64_t kWindowTicks = 30 * kTicksPerSecond;

    void add(const ProbeResult& probe, Tick now);
    // Drops samples that left the window.
    void step(Tick now);

    std::uint64_t total() const { return m_total; }
    std::uint64_t good() const { return m_good; }    // full page within kGoodLatencyMs
    std::uint64_t saved() const { return m_saved; }  // full page (whatever the latency)
    std::uint64_t degraded() const { return m_degraded; }
    std::uint64_t lost() const { return m_lost; }  // failed
    // Good share since the beginning, in percent; nullopt before any request.
    std::optional<double> sessionSuccessPercent() const;

    std::size_t windowSize() const { return m_window.size(); }
    std::optional<double> windowSuccessPercent() const;
    std::optional<int> windowPercentileMs(double percentile) const;  // 50, 99, ...
    std::optional<int> sessionPercentileMs(double percentile) const;

private:
    struct Sample {
        Tick at;
        int latencyMs = 0;
        bool good = false;
    };

    std::deque<Sample> m_window;
    std::uint64_t m_windowGood = 0;
    LatencyRecord m_windowLatencies;
    LatencyRecord m_sessionLatencies;
    std::uint64_t m_total = 0;
    std::uint64_t m_good = 0;
    std::uint64_t m_saved = 0;
    std::uint64_t m_degraded = 0;
    std::uint64_t m_lost = 0;
};

}  // namespace meshlings::world
