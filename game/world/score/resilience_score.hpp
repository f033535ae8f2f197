#pragma once
// The resilience score of the system under chaos (docs/scoring.md): the
// steady-state gate, one window per disruptive action with its availability
// a and recovery r, the action score 100 * (3a + r) / 4, the weighted
// headline, the session's error budget, the verdict and the breakdown.
//
// Fed by plain calls, in tick order, from the World's command handlers (or a
// drill, or a test): every probe result, every pod and weights observation,
// every disruptive action once the cluster accepted it, and the end of the
// session (finish, or halt when the player or a safety rule stopped it).
// Calls after the end are ignored. Reads no clock; the player's points are
// not its business. Owned by the World.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "world/model/latency_record.hpp"
#include "world/model/pod_observation.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/model/tick.hpp"
#include "world/score/action_window.hpp"
#include "world/score/blast_radius.hpp"
#include "world/score/disruption.hpp"
#include "world/score/error_budget.hpp"
#include "world/score/good_request_rule.hpp"
#include "world/score/recovery_curve.hpp"
#include "world/score/resilience_config.hpp"
#include "world/score/resilience_report.hpp"
#include "world/score/steady_state_gate.hpp"

namespace meshlings::world {

class ResilienceScore {
public:
    explicit ResilienceScore(ResilienceConfig config = {});

    void observeProbe(Tick at, const ProbeResult& probe);
    void observePod(Tick at, const PodObservation& pod);
    void podGone(Tick at, const std::string& name);
    void observeWeights(Tick at, const ReviewsWeights& weights);
    // A disruptive action took effect at `at`: judges the gate on the first
    // one, opens its window and cuts short the window still open.
    void actionTaken(Tick at, Disruption action);
    // A disruptive action sent as a dry run (not armed) at `at`: it changed
    // nothing, so it opens no window; the report lists it as not sent.
    void dryRunTaken(Tick at, Disruption action);
    // The session was stopped: ends it with the verdict "halted".
    void halt(Tick at, std::string reason);
    // The session ended: closes every window; unrecovered actions get r = 0.
    void finish(Tick at);

    bool chaosStarted() const { return !m_windows.empty(); }
    bool finished() const { return m_endedAt.has_value(); }
    const ResilienceConfig& config() const { return m_config; }
    const std::vector<ActionWindow>& windows() const { return m_windows; }

    // Everything, with the percentiles (O(requests)): for the end screen and reports.
    ResilienceReport report() const;
    // The HUD's few figures (O(actions)).
    ResilienceSummary summary() const;

private:
    void note(Tick at);
    SteadyState steadyState() const;
    std::vector<ActionScore> actionScores() const;
    ActionScore scoreOf(const ActionWindow& window) const;
    std::optional<double> headlineOf(const std::vector<ActionScore>& actions, const SteadyState& steady) const;
    void judge(ResilienceReport& report) const;
    // The report's figures the verdict rests on, judged (report() adds the breakdown).
    ResilienceReport judged() const;
    std::vector<TargetRecovery> recoveryByTarget(const std::vector<ActionScore>& actions) const;

    ResilienceConfig m_config;
    GoodRequestRule m_rule;
    RecoveryCurve m_curve;
    SteadyStateGate m_gate;
    ErrorBudget m_budget;
    BlastRadius m_blast;
    LatencyRecord m_before;
    LatencyRecord m_during;
    std::vector<DryRunAction> m_dryRuns;
    std::vector<ActionWindow> m_windows;
    std::map<std::string, std::set<std::string>> m_readyPods;  // Deployment -> its Ready pods
    std::optional<SteadyState> m_steady;                       // judged at the first action
    Tick m_now;                                                // the latest tick seen
    std::optional<Tick> m_endedAt;
    std::optional<std::string> m_haltReason;
};

}  // namespace meshlings::world
