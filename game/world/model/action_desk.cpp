#include "world/model/action_desk.hpp"

#include <utility>

namespace meshlings::world {
namespace {

std::optional<int> remaining(const std::optional<int>& limit, int used) {
    if (!limit) return std::nullopt;
    return *limit - used;
}

// What the budget's refusal calls a kind ("no retries left in the budget").
const char* budgetWord(ClusterRequestKind kind) {
    switch (kind) {
        case ClusterRequestKind::DeletePod:
            return "deletes";
        case ClusterRequestKind::SetWeights:
            return "traffic shifts";
        case ClusterRequestKind::ScaleDeployment:
            return "scales";
        case ClusterRequestKind::SetRetries:
            return "retries";
        case ClusterRequestKind::SetTimeout:
            return "timeouts";
        case ClusterRequestKind::SetConnectionPool:
            return "circuit breakers";
        case ClusterRequestKind::SetOutlierDetection:
            return "ejects";
        case ClusterRequestKind::SetNodeKubelet:
            return "node changes";
    }
    return "actions";
}

std::string settingsProblem(const ClusterRequest& r) {
    switch (r.kind) {
        case ClusterRequestKind::SetRetries:
            return r.retry.problem();
        case ClusterRequestKind::SetTimeout:
            return r.timeout.problem();
        case ClusterRequestKind::SetConnectionPool:
            return r.breaker.problem();
        case ClusterRequestKind::SetOutlierDetection:
            return r.eject.problem();
        default:
            return "not a skill";
    }
}

}  // namespace

ActionDesk::ActionDesk(const ActionBudget& budget) : m_budget(budget) {}

const std::optional<int>& ActionDesk::limitOf(ClusterRequestKind kind) const {
    switch (kind) {
        case ClusterRequestKind::DeletePod:
            return m_budget.deletes;
        case ClusterRequestKind::SetWeights:
            return m_budget.shifts;
        case ClusterRequestKind::ScaleDeployment:
            return m_budget.scales;
        case ClusterRequestKind::SetRetries:
            return m_budget.retries;
        case ClusterRequestKind::SetTimeout:
            return m_budget.timeouts;
        case ClusterRequestKind::SetConnectionPool:
            return m_budget.breakers;
        case ClusterRequestKind::SetOutlierDetection:
            return m_budget.ejects;
        case ClusterRequestKind::SetNodeKubelet: {
            static const std::optional<int> kNoLimit;  // a level's own node-down: no budget key
            return kNoLimit;
        }
    }
    return m_budget.deletes;
}

ActionDesk::Decision ActionDesk::queue(ClusterRequest request) {
    if (!m_closedReason.empty()) return {std::nullopt, m_closedReason};
    if (Decision refused = budgetCheck(request.kind); !refused.refusal.empty()) return refused;
    ++used(request.kind);
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
    return budgetCheck(ClusterRequestKind::DeletePod);
}

ActionDesk::Decision ActionDesk::checkScale(const std::string& deployment, int replicas) const {
    if (!m_closedReason.empty()) return {std::nullopt, m_closedReason};
    if (deployment.empty()) return {std::nullopt, "no deployment chosen"};
    if (replicas < 0 || replicas > kMaxReplicas) {
        return {std::nullopt, "replicas must be 0.." + std::to_string(kMaxReplicas)};
    }
    return budgetCheck(ClusterRequestKind::ScaleDeployment);
}

ActionDesk::Decision ActionDesk::budgetCheck(ClusterRequestKind kind) const {
    const std::optional<int>& limit = limitOf(kind);
    if (limit && usedOf(kind) >= *limit) {
        return {std::nullopt, std::string{"no "} + budgetWord(kind) + " left in the budget"};
    }
    return {};
}

ActionDesk::Decision ActionDesk::requestDelete(const std::string& name, const Pod* pod, Tick now) {
    if (Decision refused = check(name, pod); !refused.refusal.empty()) return refused;
    ClusterRequest request;
    request.kind = ClusterRequestKind::DeletePod;
    request.pod = name;
    request.deployment = pod->observed.deployment;
    request.issuedAt = now;
    return queue(std::move(request));
}

ActionDesk::Decision ActionDesk::requestWeights(const ReviewsWeights& weights, Tick now) {
    if (!weights.valid()) return {std::nullopt, "weights must each be 0..100 and add up to 100"};
    ClusterRequest request;
    request.kind = ClusterRequestKind::SetWeights;
    request.weights = weights;
    request.weights.defined = true;
    request.issuedAt = now;
    return queue(std::move(request));
}

ActionDesk::Decision ActionDesk::requestScale(const std::string& deployment, int replicas, Tick now) {
    if (Decision refused = checkScale(deployment, replicas); !refused.refusal.empty()) return refused;
    ClusterRequest request;
    request.kind = ClusterRequestKind::ScaleDeployment;
    request.deployment = deployment;
    request.replicas = replicas;
    request.issuedAt = now;
    return queue(std::move(request));
}

ActionDesk::Decision ActionDesk::requestSkill(ClusterRequest request, Tick now) {
    if (!m_closedReason.empty()) return {std::nullopt, m_closedReason};
    const char* what = budgetWord(request.kind);
    if (request.service.empty()) return {std::nullopt, std::string{"no service chosen for "} + what};
    if (!isBookinfoService(request.service)) return {std::nullopt, "no service named " + request.service};
    if (std::string problem = settingsProblem(request); !problem.empty()) return {std::nullopt, problem};
    request.issuedAt = now;
    return queue(std::move(request));
}

ActionDesk::Decision ActionDesk::requestNodeKubelet(const std::string& node, bool stopped, Tick now) {
    if (node.empty()) return {std::nullopt, "no node named"};
    ClusterRequest request;
    request.kind = ClusterRequestKind::SetNodeKubelet;
    request.node = node;
    request.kubeletStopped = stopped;
    request.issuedAt = now;
    return queue(std::move(request));
}

std::optional<ClusterRequest> ActionDesk::resolve(const ApiResult& result) {
    const auto it = m_inFlight.find(result.requestId);
    if (it == m_inFlight.end()) return std::nullopt;
    ClusterRequest request = std::move(it->second);
    m_inFlight.erase(it);
    if (result.outcome == ApiOutcome::Refused && used(request.kind) > 0) --used(request.kind);
    return request;
}

std::vector<ClusterRequest> ActionDesk::takeOutbound() {
    return std::exchange(m_outbound, {});
}

BudgetLeft ActionDesk::left() const {
    const auto left = [this](ClusterRequestKind kind) { return remaining(limitOf(kind), usedOf(kind)); };
    return BudgetLeft{left(ClusterRequestKind::DeletePod),          left(ClusterRequestKind::SetWeights),
                      left(ClusterRequestKind::ScaleDeployment),    left(ClusterRequestKind::SetRetries),
                      left(ClusterRequestKind::SetTimeout),         left(ClusterRequestKind::SetConnectionPool),
                      left(ClusterRequestKind::SetOutlierDetection)};
}

}  // namespace meshlings::world
