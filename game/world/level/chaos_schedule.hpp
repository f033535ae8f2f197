#pragma once
// The level's own decisions, made by the world at a tick so a replay makes
// them again: when each action of the chaos plan comes due, which pod a
// `delete-pod` takes, a `set-weights` action's weights, and the rate the
// probe should send at (the level's traffic, doubled every
// `double-every-seconds` up to the maximum). Owned by the World, which turns
// what comes due into its own ClusterRequests through the ActionDesk, so the
// plan is checked, sent and scored like the player's changes. The app runs
// only the level's set-up and scripted changes through the API
// (app::LevelDirector) and reads the rate.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "world/level/level.hpp"
#include "world/model/command.hpp"
#include "world/model/pod_board.hpp"
#include "world/model/reviews_weights.hpp"

namespace meshlings::world {

// A level's weights by subset name ({v1: 50, v3: 50}) as ReviewsWeights; unknown subsets are left at 0.
ReviewsWeights weightsOfSubsets(const std::map<std::string, int>& bySubset);

class ChaosSchedule {
public:
    // What came due at one tick: the commands the plan makes, and the actions that could not be made.
    struct Due {
        std::vector<Command> commands;
        std::vector<std::string> problems;  // "chaos delete-pod reviews-v2 at 20 s: no pod of it to delete"
    };

    explicit ChaosSchedule(const Level& level) : m_level(level) {}

    // The plan's actions whose time has come (level time, seconds), each handed out once, as the commands a
    // player would submit: a delete of a pod of the deployment (podToDelete; none: a problem), a weights
    // request, a scale request, a skill's request (retry, timeout, circuit breaker, eject) for its service, a
    // node's kubelet stopped or started.
    Due due(double levelSeconds, const PodBoard& pods);
    std::size_t done() const { return m_next; }
    // The probe's rate at this level time (requests per second).
    double rateAt(double levelSeconds) const;
    // A Ready pod of the deployment, the first by name; else any not already going or being deleted; else "".
    static std::string podToDelete(const std::string& deployment, const PodBoard& pods);

private:
    const Level& m_level;  // the World's
    std::size_t m_next = 0;
};

}  // namespace meshlings::world
