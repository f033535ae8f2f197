#pragma once
// The disruption controller of the built-in cluster: keeps each
// PodDisruptionBudget's status (expectedPods, desiredHealthy, currentHealthy,
// disruptionsAllowed, the DisruptionAllowed condition, disruptedPods) as
// kube-controller-manager's pkg/controller/disruption does. The eviction
// subresource reads that status and spends it (docs/cluster-model.md, Nodes).
#include <set>
#include <string>

#include "simcluster/event_recorder.hpp"

namespace meshlings::sim {

class DisruptionController {
public:
    DisruptionController(ClusterContext& context, EventRecorder& events) : m_context(context), m_events(events) {}

    // Store listener: budgets, pods and workloads of a namespace bring its budgets back for a sync.
    void onEvent(const StoreEvent& event);
    // Recomputes every budget of the namespace now.
    void syncNamespace(const std::string& ns);

    // The pods a budget selects (policy/v1: a null selector none, an empty one all of the namespace).
    static bool selects(const nlohmann::json& budget, const nlohmann::json& pod);
    // How long an eviction keeps a pod out of currentHealthy before it must be gone (the controller's DeletionTimeout).
    static constexpr Millis kDeletionTimeout = 2 * 60 * kSecond;

private:
    struct Counts {
        std::int64_t expected = 0;
        std::int64_t desired = 0;
        bool unmanaged = false;
    };
    void enqueue(const std::string& ns, Millis delay = 5);
    void sync(const nlohmann::json& budget, const std::vector<ObjectPtr>& pods);
    Counts expectedCounts(const nlohmann::json& budget, const std::vector<ObjectPtr>& pods) const;
    std::int64_t controllerScale(const std::string& ns, const nlohmann::json& ref, std::string& uid) const;

    ClusterContext& m_context;
    EventRecorder& m_events;
    std::set<std::string> m_queued;  // namespaces with a sync pending
};

}  // namespace meshlings::sim
