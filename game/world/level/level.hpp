#pragma once
// A level as the game uses it: what the cluster looks like at the start, how
// much traffic the probe sends, what the player must achieve, with which
// budget and in how long. Loaded from `levels/*.yaml` by LevelLoader
// (documented in levels/FORMAT.md); the world's rules read it, never the file.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "world/model/resilience_settings.hpp"

namespace meshlings::world {

enum class ObjectiveKind {
    KeepServed,     // the share of good requests never ends below `percent` over the level
    DeletePods,     // delete `count` pods (a `target` deployment, or any when empty)
    ShiftTraffic,   // reach `percent` of reviews traffic on `version`, in at least `count` steps
    ShiftAwayFrom,  // within `withinSeconds` of `version` misbehaving, give it 0 % of traffic
    KeepP99Below,   // p99 latency of the probe under `milliseconds`, over the session or its last 30 s
    Survive,        // still within the error budget when the time runs out
};

struct Objective {
    ObjectiveKind kind = ObjectiveKind::KeepServed;
    double percent = 0;       // KeepServed, ShiftTraffic
    int count = 0;            // DeletePods, ShiftTraffic (minimum steps)
    std::string version;      // ShiftTraffic, ShiftAwayFrom: "v1", "v2" or "v3"
    std::string target;       // DeletePods: a deployment name, or empty for any
    int milliseconds = 0;     // KeepP99Below
    bool lastWindow = false;  // KeepP99Below: judged on the last 30 s when the time runs out (`over: last-30s`)
    int withinSeconds = 0;    // ShiftAwayFrom
    std::string text;         // what the HUD shows, e.g. "Keep 90 % served while deleting 5 pods"
};

// How many of each action the player may take; nullopt means no limit. A level of format 1 offers none of
// the resilience skills (retries .. ejects are 0); format 2 gives each a count (levels/FORMAT.md).
struct ActionBudget {
    std::optional<int> deletes;
    std::optional<int> shifts;
    std::optional<int> scales;
    std::optional<int> retries;
    std::optional<int> timeouts;
    std::optional<int> breakers;
    std::optional<int> ejects;
};

// The state of one Deployment at the start of the level (or when a scripted
// change fires). Annotations are the built-in cluster's behaviour knobs
// (meshlings.dev/error-rate, meshlings.dev/latency-ms, ...).
struct WorkloadSetup {
    std::string deployment;
    std::optional<int> replicas;
    std::map<std::string, std::string> annotations;
};

// A change the level makes by itself at a time, e.g. "reviews-v3 starts
// failing at 30 s".
struct ScriptedChange {
    int atSecond = 0;
    WorkloadSetup change;
};

// One step of a level's chaos plan (`chaos` in the level file): a
// disruptive action the level takes by itself, as a player would, so the
// world scores it like the player's own. Drills are levels whose chaos is
// all in the plan.
enum class ChaosActionKind {
    DeletePod,   // delete one pod of `deployment` (a Ready one, the first by name)
    SetWeights,  // set the reviews weights to `weights`
    Scale,       // scale `deployment` to `replicas`
    // The resilience skills, with the player's values (format version 2): each writes one Istio field of `service`.
    Retry,           // `retry` settings
    Timeout,         // `timeout` settings
    CircuitBreaker,  // `breaker` settings
    Eject,           // `eject` settings
    NodeDown,        // stop `node`'s kubelet (the built-in cluster's meshlings.dev/kubelet: stopped)
    NodeUp,          // start it again
};

struct ChaosAction {
    int atSecond = 0;
    ChaosActionKind kind = ChaosActionKind::DeletePod;
    std::string deployment;              // DeletePod, Scale
    std::map<std::string, int> weights;  // SetWeights: "v1" -> percent, summing to 100
    int replicas = 0;                    // Scale
    std::string service{};               // the skills: a Bookinfo service
    RetrySettings retry{};
    TimeoutSettings timeout{};
    BreakerSettings breaker{};
    EjectSettings eject{};
    std::string node{};  // NodeDown, NodeUp
};

// The level's knobs of the resilience score (`scoring` in the level file);
// nullopt keeps ResilienceConfig's default.
struct ScoringPlan {
    std::map<std::string, double> weights;  // per target: a deployment ("details-v1") or a service ("reviews")
    std::optional<int> steadySeconds;
    std::optional<int> windowSeconds;
    std::optional<double> passScore;
};

struct TrafficPlan {
    double requestsPerSecond = 10;
    int doubleEverySeconds = 0;  // 0: steady
    double maxRequestsPerSecond = 100;
};

// The blast-radius rules of the level (BlastRadiusCap enforces them).
struct SafetyRules {
    bool allowLastReadyPodDelete = false;
    int maxDeletesPerMinute = 10;
};

struct Level {
    int formatVersion = 1;
    std::string id;          // file name without extension, e.g. "hello-mesh"
    std::string title;       // "Hello, mesh"
    std::string teaches;     // one sentence shown before the level starts
    std::string sourceFile;  // where it was loaded from (for messages)
    int campaignOrder = 0;   // place in the campaign menu (1, 2, ...); 0: not in the campaign (free play, drills)
    std::uint64_t seed = 1;
    std::string map = "bookinfo";
    TrafficPlan traffic;
    std::vector<Objective> objectives;
    ActionBudget budget;
    int timeLimitSeconds = 0;  // 0: no limit (free play)
    double sloPercent = 95;    // the session's SLO for the error budget
    bool sandbox = false;      // free play: no objectives, no result screen verdict
    std::vector<WorkloadSetup> setup;
    std::map<std::string, int> initialWeights;  // reviews subsets, empty: no VirtualService
    std::vector<ScriptedChange> script;
    std::vector<ChaosAction> chaos;  // in time order
    ScoringPlan scoring;
    SafetyRules safety;
};

// The names used in level files and messages ("keep-served", ...).
std::string_view objectiveKindName(ObjectiveKind kind);
std::optional<ObjectiveKind> objectiveKindFromName(std::string_view name);
std::string_view chaosActionKindName(ChaosActionKind kind);  // "delete-pod", "set-weights", "scale", "retry", ...

}  // namespace meshlings::world
