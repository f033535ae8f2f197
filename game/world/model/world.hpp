#pragma once
// The game model: the Bookinfo map, the pods on it, the meshlings walking it,
// the probe's figures and the level's rules, advanced in fixed ticks
// (kTicksPerSecond) by step(), which takes no time delta and reads no clock.
//
// How the app drives it (one thread; the client's threads never touch it):
//   each frame, while the fixed-step accumulator has a tick to spend:
//     world.submit(cmd) for every event the bridge queued since the last tick
//       (informer events -> PodUpserted/PodDeleted/WeightsObserved/ReplicasObserved,
//        connection -> ConnectionChanged, API answers -> ApiResult, probe -> ProbeObserved)
//       and for every player action the input table produced;
//     world.step();
//     for (auto& request : world.takeRequests()) bridge.execute(request);  // answers later with ApiResult{request.id}
//   then draw with alpha = accumulator / tick length:
//     meshling.positionAt(alpha), pods().all() (Pod::at, state, stateSince), hud().
// Pause is a command (SetPaused): the app keeps stepping so cluster events go
// on being applied; meshlings and the level clock stand still.
//
// The level's chaos plan is the world's own: at the start of a step, before
// that step's commands, the actions that came due (ChaosSchedule) go to the
// ActionDesk as the world's own ClusterRequests, checked, sent and scored like
// the player's. They are not passed to the command listener: a replay makes
// them again at the same tick (HaltChaos, recorded, stops them).
//
// Replays: every command applied is passed, with the tick of the step that
// applied it, to the command listener (Recorder::listener()); feeding the same
// commands at the same ticks to a world made with the same level and seed
// gives the same state (digest()).
//
// The resilience score (docs/scoring.md) watches the same commands: probe
// results, pods, weights, and every delete, shift and scale down the cluster
// accepted; it ends with the level. It is not part of the digest: it follows
// from the commands, and changes nothing the digest holds.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/rng.hpp"
#include "world/level/blast_radius_cap.hpp"
#include "world/level/chaos_schedule.hpp"
#include "world/level/level.hpp"
#include "world/level/level_announcer.hpp"
#include "world/level/level_rules.hpp"
#include "world/model/action_desk.hpp"
#include "world/model/bookinfo_map.hpp"
#include "world/model/command.hpp"
#include "world/model/crowd.hpp"
#include "world/model/crowd_density.hpp"
#include "world/model/effect_tap.hpp"
#include "world/model/hud_figures.hpp"
#include "world/model/pod_board.hpp"
#include "world/model/request_stats.hpp"
#include "world/model/route_planner.hpp"
#include "world/model/telemetry_traffic.hpp"
#include "world/model/tick.hpp"
#include "world/model/traffic_health.hpp"
#include "world/score/resilience_score.hpp"

namespace meshlings::world {

struct DeploymentReplicas {
    int desired = 0;
    int ready = 0;
    bool operator==(const DeploymentReplicas&) const = default;
};

class World {
public:
    using CommandListener = std::function<void(Tick, const Command&)>;
    static constexpr std::int64_t kGhostTicks = 2 * kTicksPerSecond;  // a dry-run delete's ghost
    static constexpr int kMaxReplicas = ActionDesk::kMaxReplicas;     // the most a player's +/- scales to

    // `effects` must outlive the world. The seed drives the world's Rng
    // (the level's own seed, or --seed).
    World(Level level, std::uint64_t seed, EffectSink& effects);
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    // Queues a command for the next step.
    void submit(Command command);
    // Applies the queued commands, then advances one tick.
    void step();
    // Ticks stepped so far; also the stamp of commands submitted now.
    Tick now() const { return m_now; }

    // Cluster calls queued by player actions since the last call.
    std::vector<ClusterRequest> takeRequests() { return m_desk.takeOutbound(); }
    void setCommandListener(CommandListener listener) { m_listener = std::move(listener); }

    const Level& level() const { return m_level; }
    std::uint64_t seed() const { return m_seed; }
    const BookinfoMap& map() const { return m_map; }
    const PodBoard& pods() const { return m_pods; }
    const Crowd& meshlings() const { return m_crowd; }
    // How many of the probe's requests one drawn meshling stands for now.
    const CrowdDensity& crowdDensity() const { return m_density; }
    const ActionDesk& actions() const { return m_desk; }
    const RequestStats& stats() const { return m_stats; }
    const LevelRules& rules() const { return m_rules; }
    const ChaosSchedule& chaos() const { return m_chaos; }
    // Level time in seconds (the rules' clock).
    double levelSeconds() const;
    // The rate the probe should send at now (the level's traffic plan).
    double probeRate() const { return m_chaos.rateAt(levelSeconds()); }
    // The chaos plan's actions that could not be made since the last call, one line each.
    std::vector<std::string> takeChaosProblems() { return std::exchange(m_chaosProblems, {}); }
    const common::Rng& rng() const { return m_rng; }
    const std::string& selectedPod() const { return m_pods.selected(); }
    bool paused() const { return m_paused; }
    const ReviewsWeights& observedWeights() const { return m_weights; }
    const std::map<std::string, DeploymentReplicas>& deployments() const { return m_deployments; }
    const ConnectionChanged& connection() const { return m_connection; }
    const ResilienceScore& resilience() const { return m_score; }
    const TelemetryTraffic& telemetry() const { return m_telemetry; }  // everyone else's traffic (TelemetryObserved)
    // Requests per second and failing share per walkway and into each service (the probe's, or the telemetry's).
    const TrafficHealth& health() const { return m_health; }
    // What arrives at the service a pod stands on (its version, for reviews): requests per second, failing share.
    EdgeHealth healthOf(const Pod& pod) const;
    // A Ready pod whose answers fail (kFailureShare or more of them): drawn sick.
    bool sick(const Pod& pod) const;

    HudFigures hud() const;
    // The figures as they were at the tick the level ended (the result screen, the exit summary and the
    // report read these: the probe goes on after the end); empty while the level runs and in free play.
    const std::optional<HudFigures>& finalHud() const { return m_finalHud; }

private:
    // A delete of "the selected pod" names the pod selected now, a scale by a step its Deployment and the count
    // it comes to; false when none is selected or the count would not change (the command is dropped).
    bool resolveSelection(Command& command) const;
    bool resolveScale(RequestScale& scale) const;
    // The chaos plan's actions due now, as the world's own requests (not recorded: a replay makes them again).
    void levelChaos();
    void apply(const Command& command);
    void deletePod(const RequestDeletePod& c);
    void decided(const ActionDesk::Decision& decision);
    void apiResult(const ApiResult& c);
    void probe(const ProbeResult& p);
    void connectionChanged(const ConnectionChanged& c);
    void weightsObserved(const WeightsObserved& c);
    void requestScale(const RequestScale& c);
    std::optional<Disruption> disruptionOf(const ClusterRequest& request) const;

    Level m_level;
    std::uint64_t m_seed;
    EffectTap m_effects;
    common::Rng m_rng;
    Tick m_now;
    std::vector<Command> m_pending;
    CommandListener m_listener;
    BookinfoMap m_map;
    PodBoard m_pods;
    RoutePlanner m_planner;
    Crowd m_crowd;
    CrowdDensity m_density{m_map};
    TelemetryTraffic m_telemetry;
    RequestStats m_stats;
    TrafficHealth m_health{m_map};
    ResilienceScore m_score;
    std::optional<HudFigures> m_finalHud;
    std::map<std::uint64_t, bool> m_scaleDowns;  // scale request id -> fewer replicas than before
    ActionDesk m_desk;
    BlastRadiusCap m_cap;
    LevelRules m_rules;
    ChaosSchedule m_chaos;
    LevelAnnouncer m_announcer{m_level};
    std::vector<std::string> m_chaosProblems;
    bool m_chaosHalted = false;
    ReviewsWeights m_weights;
    std::map<std::string, DeploymentReplicas> m_deployments;
    ConnectionChanged m_connection;
    bool m_paused = false;
};

}  // namespace meshlings::world
