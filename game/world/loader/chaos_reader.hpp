#pragma once
// Reads a level's chaos plan (`chaos`: the disruptive actions the level takes
// by itself, at given times) and its scoring knobs (`scoring`: per-target
// weights, the steady-state span, the window length, the pass mark).
// Documented in levels/FORMAT.md; errors name the file, line and field.
#include <array>
#include <string_view>
#include <vector>

#include "world/level/level.hpp"
#include "world/loader/yaml_field.hpp"

namespace meshlings::world {

class ChaosReader {
public:
    static constexpr std::array<std::string_view, 15> kChaosKeys{"at-second",
                                                                 "action",
                                                                 "deployment",
                                                                 "weights",
                                                                 "replicas",
                                                                 "service",
                                                                 "attempts",
                                                                 "per-try-timeout-ms",
                                                                 "retry-on",
                                                                 "timeout-ms",
                                                                 "max-connections",
                                                                 "max-pending-requests",
                                                                 "consecutive-errors",
                                                                 "ejection-seconds",
                                                                 "node"};
    static constexpr std::array<std::string_view, 9> kActions{
        "delete-pod", "set-weights", "scale", "retry", "timeout", "circuit-breaker", "eject", "node-down", "node-up"};
    static constexpr std::array<std::string_view, 4> kScoringKeys{"weights", "steady-seconds", "window-seconds",
                                                                  "pass-score"};
    static constexpr std::array<std::string_view, 4> kServices{"details", "productpage", "ratings", "reviews"};
    static constexpr double kMaxWeight = 1000;

    // The whole `chaos` list, sorted by time; `timeLimitSeconds` (0: none) bounds `at-second`; the skill
    // actions need `formatVersion` 2 or later.
    static std::vector<ChaosAction> readPlan(const YamlField& field, int timeLimitSeconds, int formatVersion);
    static ChaosAction readAction(const YamlField& field, int timeLimitSeconds, int formatVersion);
    static ScoringPlan readScoring(const YamlField& field);
};

}  // namespace meshlings::world
