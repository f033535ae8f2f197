#pragma once
// The probe's answers second by second, for the report's chart and the
// steady state after the chaos: per second of world time, how many requests
// were answered, how many were good (the score's rule) and their p99.
// Fed in tick order with every probe result the world applied.
#include <cstdint>
#include <optional>
#include <vector>

#include "world/model/probe_result.hpp"
#include "world/model/tick.hpp"
#include "world/score/good_request_rule.hpp"

namespace meshlings::report {

struct TimelineSecond {
    int second = 0;  // world time, whole seconds
    std::uint64_t good = 0;
    std::uint64_t total = 0;
    std::optional<double> availability;  // good / total; nullopt without requests
    std::optional<int> p99Ms;
};

class DrillTimeline {
public:
    explicit DrillTimeline(int latencyObjectiveMs = world::GoodRequestRule::kDefaultObjectiveMs);

    void observe(world::Tick at, const world::ProbeResult& probe);

    // One entry per second from the first request to the last, gaps included.
    std::vector<TimelineSecond> seconds() const;
    // good and total over [fromSecond, toSecond).
    std::pair<std::uint64_t, std::uint64_t> between(int fromSecond, int toSecond) const;
    std::optional<int> lastSecond() const;

private:
    struct Bucket {
        std::uint64_t good = 0;
        std::vector<int> latencies;
    };
    world::GoodRequestRule m_rule;
    int m_first = 0;
    std::vector<Bucket> m_buckets;  // from m_first on
};

}  // namespace meshlings::report
