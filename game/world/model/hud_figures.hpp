#pragma once
// Everything the HUD prints, computed on demand by World::hud() (cheap enough
// to call once per drawn frame). Plain data: the renderer formats it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "world/level/level_rules.hpp"
#include "world/level/objective_tracker.hpp"
#include "world/model/action_desk.hpp"
#include "world/model/cluster_request.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/score/resilience_report.hpp"

namespace meshlings::world {

struct HudFigures {
    // The probe, over the last RequestStats::kWindowTicks (nullopt before any request).
    std::optional<double> successPercent;
    std::optional<int> p50Ms;
    std::optional<int> p99Ms;
    // Since the session began.
    std::uint64_t requests = 0;
    std::uint64_t saved = 0;     // full pages
    std::uint64_t degraded = 0;  // pages with a part missing
    std::uint64_t lost = 0;      // failed
    std::optional<double> sessionSuccessPercent;
    std::optional<int> sessionP99Ms;  // in World::finalHud() only (hud() leaves it out: it costs a percentile)

    int podsDown = 0;        // Terminating, CrashLoopBackOff
    int podsRecovering = 0;  // Pending, ContainerCreating, RunningNotReady
    ReviewsWeights weights;  // as observed in the cluster (not as asked)
    ConnectionState connection = ConnectionState::Connecting;
    std::string connectionMessage;
    std::string failedStep;  // the doctor's step that failed, when connection is Failed/Lost

    std::string levelTitle;
    std::vector<ObjectiveProgress> objectives;
    std::optional<int> secondsLeft;  // nullopt: no time limit
    int secondsElapsed = 0;          // of level time
    BudgetLeft budget;
    std::size_t requestsInFlight = 0;
    bool paused = false;
    LevelResult result = LevelResult::InProgress;
    std::string lastMessage;  // the latest Message effect (refusals included)
    std::size_t meshlings = 0;
    int requestsPerMeshling = 1;  // one drawn meshling stands for this many of the probe's requests (CrowdDensity)
    std::string telemetry;  // "telemetry: 41.3 req/s on 8 edges", "Prometheus down: <step>", empty without --prometheus

    // The system's resilience score so far (docs/scoring.md), apart from the
    // player's objectives above: verdict, headline, budget left, why.
    ResilienceSummary resilience;
};

}  // namespace meshlings::world
