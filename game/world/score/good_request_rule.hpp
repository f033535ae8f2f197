#pragma once
// What the resilience score counts as a good request: HTTP 200, a complete
// page (common::PageOutcome::Full: no "currently unavailable" part) and an answer
// within the latency objective (1 s by default, the chaostoolkit-istio
// hypothesis). Owned by the ResilienceScore; isGood() in probe_result.hpp is
// the same rule at the default objective, which the HUD's figures use.
#include "world/model/probe_result.hpp"

namespace meshlings::world {

class GoodRequestRule {
public:
    static constexpr int kDefaultObjectiveMs = kGoodLatencyMs;

    explicit GoodRequestRule(int latencyObjectiveMs = kDefaultObjectiveMs);

    bool isGood(const ProbeResult& probe) const;
    int latencyObjectiveMs() const { return m_objectiveMs; }

private:
    int m_objectiveMs;
};

}  // namespace meshlings::world
