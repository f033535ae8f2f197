#pragma once
// Where player actions become cluster requests. It checks each action
// (the pod exists and is not already going, weights add up to 100, replicas
// in range, a skill's service and values valid, the level's budget has one
// left), then either refuses it with a
// reason the HUD shows or queues a ClusterRequest with a fresh id. Requests
// stay "in flight" (the renderer's spinner) until their ApiResult arrives; a
// refused one gives its budget back. Owned by the World.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "world/level/level.hpp"
#include "world/model/cluster_request.hpp"
#include "world/model/command.hpp"
#include "world/model/pod.hpp"

namespace meshlings::world {

// What is left of the level's budget; nullopt: no limit.
struct BudgetLeft {
    std::optional<int> deletes;
    std::optional<int> shifts;
    std::optional<int> scales;
    std::optional<int> retries;
    std::optional<int> timeouts;
    std::optional<int> breakers;
    std::optional<int> ejects;
    bool operator==(const BudgetLeft&) const = default;
};

class ActionDesk {
public:
    static constexpr int kMaxReplicas = 10;

    // The id of the queued request, or why not.
    struct Decision {
        std::optional<std::uint64_t> id;
        std::string refusal;
    };

    explicit ActionDesk(const ActionBudget& budget);

    // Why deleting `pod` (scaling `deployment`) is refused by the desk's own
    // checks (closed, no such pod, one call at a time, already terminating,
    // replicas out of range, budget spent), or an empty refusal: the World
    // asks before its BlastRadiusCap, so the budget speaks first.
    Decision check(const std::string& name, const Pod* pod) const;
    Decision checkScale(const std::string& deployment, int replicas) const;
    Decision requestDelete(const std::string& name, const Pod* pod, Tick now);
    Decision requestWeights(const ReviewsWeights& weights, Tick now);
    Decision requestScale(const std::string& deployment, int replicas, Tick now);
    // A resilience skill (SetRetries .. SetOutlierDetection): `request` names the service and carries the
    // settings of its kind; the desk checks them and its budget, stamps and queues it.
    Decision requestSkill(ClusterRequest request, Tick now);
    // A level's node-down (`stopped`) or node-up of `node`: no budget limits it (the plan is the level's own).
    Decision requestNodeKubelet(const std::string& node, bool stopped, Tick now);

    // The in-flight request the result answers (no longer in flight), or nullopt
    // for an unknown id. A refusal gives the request's budget back.
    std::optional<ClusterRequest> resolve(const ApiResult& result);

    // Requests queued since the last call, oldest first; the app executes them.
    std::vector<ClusterRequest> takeOutbound();
    const std::map<std::uint64_t, ClusterRequest>& inFlight() const { return m_inFlight; }

    BudgetLeft left() const;
    std::uint64_t nextId() const { return m_nextId; }

    // After the level ends every action is refused with `reason`.
    void close(std::string reason) { m_closedReason = std::move(reason); }

private:
    static constexpr std::size_t kKinds = 8;  // ClusterRequestKind's values
    Decision budgetCheck(ClusterRequestKind kind) const;
    Decision queue(ClusterRequest request);
    const std::optional<int>& limitOf(ClusterRequestKind kind) const;
    int& used(ClusterRequestKind kind) { return m_used[static_cast<std::size_t>(kind)]; }
    int usedOf(ClusterRequestKind kind) const { return m_used[static_cast<std::size_t>(kind)]; }

    ActionBudget m_budget;
    std::array<int, kKinds> m_used{};  // per ClusterRequestKind: issued and not refused
    std::uint64_t m_nextId = 1;
    std::vector<ClusterRequest> m_outbound;
    std::map<std::uint64_t, ClusterRequest> m_inFlight;
    std::string m_closedReason;
};

}  // namespace meshlings::world
