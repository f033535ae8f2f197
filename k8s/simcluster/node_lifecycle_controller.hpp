#pragma once
// What kube-controller-manager does about nodes, for the built-in cluster:
// - node lifecycle: a node whose kubelet stopped posting status (the
//   annotation meshlings.dev/kubelet: stopped takes the kubelet down) turns
//   Unknown after node-monitor-grace-period; its pods become not ready; a
//   node that is not Ready gets the node.kubernetes.io/unreachable (Unknown)
//   or not-ready (False) taints, NoSchedule and NoExecute;
// - taint eviction: a pod on a node with a NoExecute taint it does not
//   tolerate is deleted, at once or after its toleration's tolerationSeconds;
// - pod GC: the pods of a deleted node are force-deleted.
// Each deletion leaves the DisruptionTarget condition first. Sources in
// docs/cluster-model.md (Nodes).
#include <string>

#include "simcluster/kubelet.hpp"

namespace meshlings::sim {

class NodeLifecycleController {
public:
    NodeLifecycleController(ClusterContext& context, EventRecorder& events, Kubelet& kubelet)
        : m_context(context), m_events(events), m_kubelet(kubelet) {}

    void onEvent(const StoreEvent& event);

    static constexpr Millis kMonitorGracePeriod = 50 * kSecond;  // --node-monitor-grace-period (1.32: 50 s)
    static constexpr Millis kPodGcQuarantine = 40 * kSecond;     // podgc's quarantineTime for a missing node
    static constexpr const char* kKubeletAnnotation = "meshlings.dev/kubelet";

    // The seconds a pod tolerates a NoExecute taint: 0 not at all, -1 forever.
    static std::int64_t toleratedSeconds(const nlohmann::json& pod, const nlohmann::json& taint);

private:
    void nodeChanged(const nlohmann::json& node);
    void markUnknown(const std::string& node);  // the grace period passed with no status from the kubelet
    void syncTaints(const nlohmann::json& node);
    void scheduleEvictions(const nlohmann::json& node);
    void evictIfStillTainted(const std::string& ns, const std::string& pod, const std::string& uid,
                             const std::string& node);
    void collectOrphans(const std::string& node);
    void markPodsNotReady(const std::string& node);
    void disruptAndDelete(const nlohmann::json& pod, const char* reason, const char* message,
                          std::optional<std::int64_t> grace);

    ClusterContext& m_context;
    EventRecorder& m_events;
    Kubelet& m_kubelet;
};

}  // namespace meshlings::sim
