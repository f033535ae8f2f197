#pragma once
// The level's safety rules (Level::safety), enforced on player actions
// before anything is queued for the cluster, so a refused action is never
// sent: a pod delete is refused when it would take the last Ready pod of its
// Deployment (unless allow-last-ready-pod-delete), and so is a scale to 0
// of a Deployment that still has a Ready pod; a delete is also refused when
// max-deletes-per-minute deletes were sent in the last 60 s of level time.
// Runs on the world's ticks only: a replay refuses exactly what the game did.
// Owned by the World.
#include <deque>
#include <string>

#include "world/level/level.hpp"
#include "world/model/pod.hpp"
#include "world/model/pod_board.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

class BlastRadiusCap {
public:
    static constexpr std::int64_t kWindowTicks = 60 * kTicksPerSecond;

    explicit BlastRadiusCap(const SafetyRules& rules) : m_rules(rules) {}

    // Why deleting `pod` now is refused ("refused: ... (safety: ...)"), or
    // empty. Pods with a delete already in flight no longer count as Ready.
    std::string checkDelete(const Pod& pod, const PodBoard& pods, Tick now) const;
    // Why scaling `deployment` to `replicas` is refused, or empty.
    std::string checkScale(const std::string& deployment, int replicas, const PodBoard& pods) const;
    // A delete was queued for the cluster at `now`: it counts for 60 s.
    void deleteSent(Tick now);

private:
    int sentWithin(Tick now) const;

    SafetyRules m_rules;
    std::deque<Tick> m_sent;  // when each delete was sent, oldest first
};

}  // namespace meshlings::world
