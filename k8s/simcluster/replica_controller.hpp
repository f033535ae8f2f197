#pragma once
// The Deployment and ReplicaSet controllers of the built-in cluster: a
// ReplicaSet keeps spec.replicas pods that are not terminating and reports
// how many are ready and available (Ready for minReadySeconds); Deployments
// are rolled by DeploymentController. Work is queued per object and runs
// shortly after the change that caused it, as in kube-controller-manager.
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "simcluster/deployment_controller.hpp"
#include "simcluster/kubelet.hpp"
#include "simcluster/pod_owner_index.hpp"

namespace meshlings::sim {

class ReplicaController {
public:
    ReplicaController(ClusterContext& context, EventRecorder& events, Kubelet& kubelet);

    void onEvent(const StoreEvent& event);
    // Cluster seeding: new pods start Running and Ready at once.
    void setSeeding(bool seeding) { m_seeding = seeding; }
    void syncDeployment(const std::string& ns, const std::string& name);
    void syncReplicaSet(const std::string& ns, const std::string& name);

    // pod-template-hash as Kubernetes computes its shape: FNV-32a, safe-encoded.
    static std::string templateHash(const nlohmann::json& podTemplate) {
        return DeploymentController::templateHash(podTemplate);
    }

private:
    enum class Kind { Deployment, ReplicaSet };
    using Key = std::tuple<Kind, std::string, std::string>;
    void enqueue(Kind kind, const std::string& ns, const std::string& name);
    // A sync at a later time (a deadline, minReadySeconds), at most one pending per object.
    void wakeAt(Kind kind, const std::string& ns, const std::string& name, Millis when);
    std::int64_t availablePods(const std::string& ns, const std::string& uid, std::int64_t minReadySeconds,
                               std::int64_t ready);
    void createPod(const nlohmann::json& replicaSet);
    bool injectsSidecar(const std::string& ns) const;

    ClusterContext& m_context;
    EventRecorder& m_events;
    Kubelet& m_kubelet;
    PodOwnerIndex m_pods;  // each ReplicaSet's active and ready pods, without a scan of the namespace
    bool m_seeding = false;
    DeploymentController m_deployments;
    std::set<Key> m_queued;
    std::map<Key, Millis> m_wakeups;
};

}  // namespace meshlings::sim
