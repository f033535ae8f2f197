#include "world/model/probe_result.hpp"

namespace meshlings::world {

bool isGood(const ProbeResult& probe) {
    return probe.outcome == common::PageOutcome::Full && probe.latencyMs <= kGoodLatencyMs;
}

}  // namespace meshlings::world
