#pragma once
// Follows one objective of the level (level.hpp's Objective) through the
// session: counts what it needs from the world's events, says how far along
// it is for the HUD, and gives the verdict. Achievements (delete-pods,
// shift-traffic, shift-away-from) are met, or fail, as they happen; holds
// (keep-served, keep-p99-below, survive) are judged by finish() when the
// level ends and show "holding"/"at risk" until then. Owned by LevelRules.
#include <cstdint>
#include <optional>
#include <string>

#include "world/level/level.hpp"
#include "world/model/request_stats.hpp"
#include "world/model/reviews_weights.hpp"

namespace meshlings::world {

enum class ObjectiveStatus : std::uint8_t { InProgress, Met, Failed };

std::string_view objectiveStatusName(ObjectiveStatus status);  // "in-progress", "met", "failed"

// What the HUD shows for one objective.
struct ObjectiveProgress {
    std::string text;      // Objective::text, or a generated one when the level gave none
    std::string progress;  // "3 / 5 pods", "97.2 % served (>= 90 %)", "v3 at 40 %, 2 steps"
    double fraction = 0;   // 0..1 for a progress bar
    ObjectiveStatus status = ObjectiveStatus::InProgress;
    bool atRisk = false;  // a hold that would fail if the level ended now
};

class ObjectiveTracker {
public:
    // shift-traffic: a step is a rise of the version's share above the most it
    // has held, kept for kStepHoldTicks (0 -> 35 -> 0 -> 100 is one step to 35
    // and one to 100, and a flick to 100 and back is none).
    static constexpr std::int64_t kStepHoldTicks = 3 * kTicksPerSecond;
    explicit ObjectiveTracker(const Objective& objective, double sloPercent);

    void onDeleteAccepted(const std::string& deployment);
    void onWeightsObserved(const ReviewsWeights& weights);
    // The objective's version started misbehaving (errors, crash loop) at `levelTick`.
    void onMisbehaving(common::ReviewsVersion version, std::int64_t levelTick);
    // Live checks, once per running tick of the level clock.
    void update(const RequestStats& stats, std::int64_t levelTick);
    // The final verdict of an objective still in progress when the level ends.
    void finish(const RequestStats& stats);

    bool isAchievement() const;
    ObjectiveStatus status() const { return m_status; }
    ObjectiveProgress progress(const RequestStats& stats) const;
    const Objective& objective() const { return m_objective; }
    common::ReviewsVersion version() const { return m_version; }

private:
    bool holds(const RequestStats& stats) const;
    std::optional<int> p99Of(const RequestStats& stats) const;  // the window the objective names
    std::string holdProgress(const RequestStats& stats, double& fraction) const;

    Objective m_objective;
    double m_sloPercent;
    common::ReviewsVersion m_version = common::ReviewsVersion::None;
    ObjectiveStatus m_status = ObjectiveStatus::InProgress;
    int m_deleted = 0;
    void stepHeld(std::int64_t levelTick);
    int m_steps = 0;
    int m_heldShare = 0;               // the most the version's share has held for a step
    std::optional<int> m_risingShare;  // a rise not held long enough yet
    std::optional<std::int64_t> m_risingSince;
    std::int64_t m_levelTick = 0;  // as of the last update
    std::optional<ReviewsWeights> m_weights;
    std::optional<std::int64_t> m_misbehavingSince;
};

std::string defaultObjectiveText(const Objective& objective);

}  // namespace meshlings::world
