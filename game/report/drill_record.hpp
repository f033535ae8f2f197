#pragma once
// Everything a drill report says, gathered at the end of a level: which
// level (its chaos plan and scoring knobs), when it ran (wall clock, RFC
// 3339 UTC), the resilience report, the probe's timeline, the steady state
// after the chaos (the last steady span of the session, judged like the
// gate before it) and what was done to put the routing back. Plain data;
// the writers read it.
#include <optional>
#include <string>
#include <vector>

#include "report/drill_timeline.hpp"
#include "world/level/level.hpp"
#include "world/score/resilience_config.hpp"
#include "world/score/resilience_report.hpp"

namespace meshlings::report {

struct SteadyAfter {
    bool judged = false;  // false without requests in the span
    bool met = false;
    std::uint64_t good = 0;
    std::uint64_t total = 0;
    std::optional<double> percent;
    int fromSecond = 0;  // world time
    int toSecond = 0;
};

struct DrillRecord {
    world::Level level;
    world::ResilienceConfig config;
    world::ResilienceReport report;
    std::vector<TimelineSecond> timeline;
    SteadyAfter after;
    std::string startedAt;  // "2026-11-26T14:00:00Z"
    std::string endedAt;
    double startedAtEpoch = 0;  // seconds since 1970, for the actions' times
    double durationSeconds = 0;
    std::vector<std::string> rollbacks;  // what put the routing back, one line each
    bool armed = true;                   // false: a dry run, nothing was sent to change the cluster

    // Gathers a record; `after` is judged on the last config.steadyTicks of the timeline.
    static DrillRecord make(const world::Level& level, const world::ResilienceConfig& config,
                            world::ResilienceReport report, const DrillTimeline& timeline, double startedAtEpoch,
                            double endedAtEpoch, std::vector<std::string> rollbacks);

    // "completed" (pass), "failed" (fail), "interrupted" (halted), "aborted" (not scored or pending).
    std::string status() const;
    // The drill's exit code: 0 pass, 1 fail, 3 not scored or halted.
    int exitCode() const;
};

// Unix seconds as RFC 3339 UTC with milliseconds: "2026-11-26T14:00:00.250Z".
std::string rfc3339(double epochSeconds);

}  // namespace meshlings::report
