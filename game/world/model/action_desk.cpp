#include "world/model/action_desk.hpp"

#include <utility>

namespace meshlings::world {
namespace {

std::optional<int> remaining(const std::optional<int>& limit, int used) {
    if (!limit) return std::nullopt;
    return *limit - used;
}

}  // namespace

ActionDesk::ActionDesk(const ActionBudget& budget) : m_budget(budget) {}

ActionDesk::Decision ActionDesk::queue(ClusterRequest request, int& used, const std::optional<int>& limit,
                                       const char* what) {
    if (!m_closedReason.empty()) return {std::nullopt, m_closedReason};
    if (Decision refused = budgetCheck(used, limit, what); !refused.refusal.empty()) return refused;
    ++used;
    request.id = m_nextId++;
    m_inFlight.emplace(request.id, request);
    m_outbound.push_back(std::move(request));
    return {m_nextId - 1, {}};
}

ActionDesk::Decision ActionDesk::check(const std::string& name, const Pod* pod) const {
    if (!m_closedReason.empty()) return {std::nullopt, m_closedReason};
    if (pod == nullptr || pod->gone) return {std::nullopt, "no pod named " + (name.empty() ? "(none)" : name)};
    if (pod->requestInFlight) return {std::nullopt, "a call for " + name + " is already in flight"};
    if (pod->observed.state == PodState::Terminating) return {std::nullopt, name + " is already terminating"};
    return budgetCheck(m_usedDeletes, m_budget.deletes, "deletes");
}

ActionDesk::Decision ActionDesk::checkScale(const std::string& deployment, int replicas) const {
    if (!m_closedReason.empty()) return {std::nullopt, m_closedReason};
    if (deployment.empty()) return {std::nullopt, "no deployment chosen"};
    if (replicas < 0 || replicas > kMaxReplicas) {
        return {std::nullopt, "replicas must be 0.." + std::to_string(kMaxReplicas)};
    }
    return budgetCheck(m_usedScales, m_budget.scales, "scales");
}

ActionDesk::Decision ActionDesk::budgetCheck(int used, const std::optional<int>& limit, const char* what) const {
    if (limit && used >= *limit) return {std::nullopt, std::string{"no "} + what + " left in the budget"};
    return {};
}

ActionDesk::Decision ActionDesk::requestDelete(const std::string& name, const Pod* pod, Tick now) {
    if (Decision refused = check(name, pod); !refused.refusal.empty()) return refused;
    ClusterRequest request;
    request.kind = ClusterRequestKind::DeletePod;
    request.pod = name;
    request.deployment = pod->observed.deployment;
    request.issuedAt = now;
    return queue(std::move(request), m_usedDeletes, m_budget.deletes, "deletes");
}

ActionDesk::Decision ActionDesk::requestWeights(const ReviewsWeights& weights, Tick now) {
    if (!weights.valid()) return {std::nullopt, "weights must each be 0..100 and add up to 100"};
    ClusterRequest request;
    request.kind = ClusterRequestKind::SetWeights;
    request.weights = weights;
    request.weights.defined = true;
    request.issuedAt = now;
    return queue(std::move(request), m_usedShifts, m_budget.shifts, "traffic shifts");
}

ActionDesk::Decision ActionDesk::requestScale(const std::string& deployment, int replicas, Tick now) {
    if (Decision refused = checkScale(deployment, replicas); !refused.refusal.empty()) return refused;
    ClusterRequest request;
    request.kind = ClusterRequestKind::ScaleDeployment;
    request.deployment = deployment;
    request.replicas = replicas;
    request.issuedAt = now;
    return queue(std::move(request), m_usedScales, m_budget.scales, "scales");
}

std::optional<ClusterRequest> ActionDesk::resolve(const ApiResult& result) {
    const auto it = m_inFlight.find(result.requestId);
    if (it == m_inFlight.end()) return std::nullopt;
    ClusterRequest request = std::move(it->second);
    m_inFlight.erase(it);
    if (result.outcome == ApiOutcome::Refused) {
        int* used = nullptr;
        switch (request.kind) {
            case ClusterRequestKind::DeletePod:
                used = &m_usedDeletes;
                break;
            case ClusterRequestKind::SetWeights:
                used = &m_usedShifts;
                break;
            case ClusterRequestKind::ScaleDeployment:
                used = &m_usedScales;
                break;
        }
        if (*used > 0) --*used;
    }
    return request;
}

std::vector<ClusterRequest> ActionDesk::takeOutbound() {
    return std::exchange(m_outbound, {});
}

BudgetLeft ActionDesk::left() const {
    return BudgetLeft{remaining(m_budget.deletes, m_usedDeletes), remaining(m_budget.shifts, m_usedShifts),
                      remaining(m_budget.scales, m_usedScales)};
}

}  // namespace meshlings::world
