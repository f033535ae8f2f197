#pragma once
// What the resilience score says about a session, as plain data: the
// verdict and why, the headline, the steady-state gate, every action's
// window figures and weight, and the breakdown (error budget, MTTR per
// target, p50/p99 before and during chaos, blast radius). Made by
// ResilienceScore::report(); ResilienceBreakdown prints it. The player's
// points are not in it: they measure the player, this the system.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "world/model/tick.hpp"
#include "world/score/action_window.hpp"
#include "world/score/blast_radius.hpp"
#include "world/score/disruption.hpp"
#include "world/score/steady_state_gate.hpp"

namespace meshlings::world {

enum class ScoreVerdict : std::uint8_t {
    Pending,    // the session goes on
    Pass,       // steady, budget kept, headline at or above the pass mark, every action recovered
    Fail,       // budget spent, headline below the pass mark, or an action never recovered
    Halted,     // the player or a safety rule stopped the session
    NotScored,  // not steady before chaos, or nothing to score
};

std::string_view scoreVerdictName(ScoreVerdict verdict);  // "pending", "pass", "fail", "halted", "not scored"

struct ActionScore {
    Disruption action;
    double atSeconds = 0;  // when it was taken
    double weight = 1;
    double windowSeconds = 0;  // how long its window ran (so far)
    WindowEnd windowEnd = WindowEnd::Open;
    std::uint64_t good = 0;  // probe requests in the window
    std::uint64_t total = 0;
    std::optional<double> availability;     // a = good / total
    std::optional<double> recoverySeconds;  // nullopt: not recovered (yet)
    double recovery = 0;                    // r
    std::optional<double> score;            // 100 * (3a + r) / 4; nullopt: no request in the window
    std::string note;                       // why r is 0 or why it is not scored; empty otherwise
};

// A disruptive action that was only a dry run: nothing was sent to change the cluster.
struct DryRunAction {
    Disruption action;
    double atSeconds = 0;
};

// Recovery per target (a Deployment for deletes and scale downs, "reviews" for shifts).
struct TargetRecovery {
    std::string target;
    int recovered = 0;
    int unrecovered = 0;
    std::optional<double> mttrSeconds;  // mean over the recovered ones
};

struct ResilienceReport {
    ScoreVerdict verdict = ScoreVerdict::Pending;
    std::vector<std::string> reasons;  // why fail / halted / not scored; empty for pass and pending
    std::optional<double> headline;    // weighted mean of the scored actions; nullopt when not steady or none
    SteadyState steady;
    std::vector<ActionScore> actions;   // in the order taken
    std::vector<DryRunAction> dryRuns;  // not sent (not armed), in order
    double passScore = 80;

    double sloPercent = 95;
    std::uint64_t requests = 0;  // every probe request of the session
    std::uint64_t bad = 0;
    double allowedBad = 0;
    std::optional<double> budgetLeft;  // 1 - bad / allowed; negative when overspent
    std::optional<double> burnRate;
    bool budgetSpent = false;

    std::vector<TargetRecovery> recovery;  // by target name
    std::optional<int> p50BeforeMs;        // before the first action
    std::optional<int> p99BeforeMs;
    std::optional<int> p50DuringMs;  // in any action's window
    std::optional<int> p99DuringMs;
    std::optional<ServiceOutage> worstOutage;
    std::optional<DeadTraffic> deadTraffic;
};

// The few figures the HUD shows every frame (no percentiles: cheap).
struct ResilienceSummary {
    ScoreVerdict verdict = ScoreVerdict::Pending;
    std::optional<double> headline;
    bool steadyJudged = false;
    bool steady = false;
    std::size_t actions = 0;
    std::optional<double> budgetLeft;
    std::optional<double> burnRate;
    std::string reason;  // the first reason of the verdict, or why not steady
};

}  // namespace meshlings::world
