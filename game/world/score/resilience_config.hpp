#pragma once
// The knobs of the resilience score, with the defaults docs/scoring.md
// explains (from ../shared/docs/chaos-references.md): the good-request
// latency objective, the steady-state gate, the action window, the recovery
// curve, the session SLO, the pass mark and the per-target weights.
#include <cstdint>
#include <map>
#include <string>

#include "world/model/tick.hpp"
#include "world/score/error_budget.hpp"
#include "world/score/good_request_rule.hpp"
#include "world/score/recovery_curve.hpp"
#include "world/score/steady_state_gate.hpp"

namespace meshlings::world {

struct ResilienceConfig {
    int latencyObjectiveMs = GoodRequestRule::kDefaultObjectiveMs;
    std::int64_t steadyTicks = SteadyStateGate::kDefaultSpanTicks;
    double steadyPercent = SteadyStateGate::kDefaultMinPercent;
    // An action's window: from the action for this long, cut short by the
    // next action (any target) or by the end of the session.
    std::int64_t windowTicks = 60 * kTicksPerSecond;
    std::int64_t recoveryTargetTicks = RecoveryCurve::kDefaultTargetTicks;
    std::int64_t recoveryLimitTicks = RecoveryCurve::kDefaultLimitTicks;
    double sloPercent = ErrorBudget::kDefaultSloPercent;
    // The verdict fails below this headline.
    double passScore = 80;
    // Weights by target ("details-v1", "reviews", ...). A target not listed
    // takes the weight of its service (the name up to its last '-': "details"
    // for "details-v1"), then defaultWeight.
    std::map<std::string, double> weights;
    double defaultWeight = 1;

    double weightOf(const std::string& target) const {
        if (const auto found = weights.find(target); found != weights.end()) return found->second;
        if (const auto dash = target.rfind('-'); dash != std::string::npos && dash > 0) {
            if (const auto found = weights.find(target.substr(0, dash)); found != weights.end()) return found->second;
        }
        return defaultWeight;
    }
};

}  // namespace meshlings::world
