#include "world/score/good_request_rule.hpp"

namespace meshlings::world {

GoodRequestRule::GoodRequestRule(int latencyObjectiveMs) : m_objectiveMs(latencyObjectiveMs) {}

bool GoodRequestRule::isGood(const ProbeResult& probe) const {
    // Full means HTTP 200 with every part of the page; Degraded is a 200 with a
    // part missing and Failed no page at all.
    return probe.outcome == common::PageOutcome::Full && probe.latencyMs <= m_objectiveMs;
}

}  // namespace meshlings::world
