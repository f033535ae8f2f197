#pragma once
// The level's rules: its clock, its objectives and the verdict. The clock
// runs only while the world is connected to the cluster and not paused; it
// starts at the first such tick. The level ends
//   - when the time limit runs out (then every hold is judged),
//   - as soon as an objective fails,
//   - with no time limit, kSettleTicks after the last achievement was met
//     (so the recovery still counts toward the holds).
// A sandbox level never ends and gives no verdict. Owned by the World.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "world/level/level.hpp"
#include "world/level/objective_tracker.hpp"
#include "world/model/effect_sink.hpp"
#include "world/model/pod_observation.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/request_stats.hpp"

namespace meshlings::world {

enum class LevelResult : std::uint8_t { InProgress, Won, Lost, Sandbox };

std::string_view levelResultName(LevelResult result);  // "in-progress", "won", "lost", "sandbox"

class LevelRules {
public:
    static constexpr std::int64_t kSettleTicks = 20 * kTicksPerSecond;

    explicit LevelRules(const Level& level);

    void onDeleteAccepted(const std::string& deployment);
    void onWeightsObserved(const ReviewsWeights& weights);
    void onProbe(const ProbeResult& probe);
    void onPodObserved(const PodObservation& pod);

    // One tick of the world. `clockRuns`: connected and not paused. Emits
    // Objective and Result messages. True on the tick the level ends.
    bool step(bool clockRuns, const RequestStats& stats, EffectSink& effects);

    LevelResult result() const { return m_result; }
    bool ended() const { return m_result == LevelResult::Won || m_result == LevelResult::Lost; }
    bool started() const { return m_started; }
    std::int64_t elapsedTicks() const { return m_elapsed; }
    // Ticks until the time limit; nullopt without one.
    std::optional<std::int64_t> ticksLeft() const;
    std::vector<ObjectiveProgress> objectives(const RequestStats& stats) const;
    const std::vector<ObjectiveTracker>& trackers() const { return m_trackers; }

private:
    void misbehaving(common::ReviewsVersion version);
    void end(const RequestStats& stats, EffectSink& effects);
    void reportChanges(EffectSink& effects);

    std::int64_t m_limitTicks;
    bool m_sandbox;
    std::vector<ObjectiveTracker> m_trackers;
    std::vector<ObjectiveStatus> m_reported;
    std::vector<std::pair<std::int64_t, common::ReviewsVersion>> m_scriptedTrouble;  // level tick, version
    std::int64_t m_elapsed = 0;
    bool m_started = false;
    std::optional<std::int64_t> m_allAchievedAt;
    LevelResult m_result;
};

}  // namespace meshlings::world
