#pragma once
// The Deployment and ReplicaSet controllers of the built-in cluster: a
// Deployment owns one ReplicaSet per pod template (named by the template's
// hash), a ReplicaSet keeps spec.replicas pods that are not terminating, and
// both report status. Work is queued per object and runs shortly after the
// change that caused it, as in kube-controller-manager.
#include <set>
#include <string>
#include <tuple>

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
    static std::string templateHash(const nlohmann::json& podTemplate);

private:
    enum class Kind { Deployment, ReplicaSet };
    void enqueue(Kind kind, const std::string& ns, const std::string& name);
    void scaleReplicaSet(const nlohmann::json& deployment, const nlohmann::json& replicaSet, std::int64_t replicas);
    void createReplicaSet(const nlohmann::json& deployment, const std::string& hash);
    void updateDeploymentStatus(const nlohmann::json& deployment, const std::string& hash);
    void createPod(const nlohmann::json& replicaSet);
    bool injectsSidecar(const std::string& ns) const;

    ClusterContext& m_context;
    EventRecorder& m_events;
    Kubelet& m_kubelet;
    PodOwnerIndex m_pods;  // each ReplicaSet's active and ready pods, without a scan of the namespace
    bool m_seeding = false;
    std::set<std::tuple<Kind, std::string, std::string>> m_queued;
};

}  // namespace meshlings::sim
