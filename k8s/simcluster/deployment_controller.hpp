#pragma once
// The Deployment controller of the built-in cluster, after
// kube-controller-manager's (pkg/controller/deployment): one ReplicaSet per
// pod template, revisions on the Deployment and its ReplicaSets, RollingUpdate
// within maxSurge / maxUnavailable counted in available pods, Recreate, pause,
// the Progressing deadline and the revision history limit. Each sync takes one
// step and writes the status; the ReplicaSets' changes bring it back for the
// next. Owned by ReplicaController, which queues its work.
#include <functional>
#include <string>
#include <vector>

#include "simcluster/cluster_context.hpp"
#include "simcluster/event_recorder.hpp"

namespace meshlings::sim {

class DeploymentController {
public:
    // Asks for a sync of the Deployment after `delay` ms of model time.
    using Requeue = std::function<void(const std::string& ns, const std::string& name, Millis delay)>;
    // A ReplicaSet was just created (seeding starts its pods at once).
    using Created = std::function<void(const std::string& ns, const std::string& name)>;

    DeploymentController(ClusterContext& context, EventRecorder& events, Requeue requeue, Created created);

    void sync(const std::string& ns, const std::string& name);

    // pod-template-hash as Kubernetes computes its shape: FNV-32a, safe-encoded.
    static std::string templateHash(const nlohmann::json& podTemplate);
    // The template with what the API and the controller add taken out (empty
    // fields, pod-template-hash), for comparing a ReplicaSet's with a Deployment's.
    static nlohmann::json comparableTemplate(const nlohmann::json& podTemplate);

private:
    using Sets = std::vector<ObjectPtr>;
    Sets replicaSetsOf(const nlohmann::json& deployment) const;
    ObjectPtr newReplicaSet(const nlohmann::json& deployment, Sets& old, bool create);
    ObjectPtr createReplicaSet(const nlohmann::json& deployment, std::int64_t replicas, std::int64_t revision);
    bool rollRolling(const nlohmann::json& deployment, const ObjectPtr& fresh, const Sets& old);
    bool rollRecreate(const nlohmann::json& deployment, ObjectPtr fresh, const Sets& old);
    bool scalePaused(const nlohmann::json& deployment, const ObjectPtr& fresh, const Sets& old);
    bool scale(const nlohmann::json& deployment, const nlohmann::json& replicaSet, std::int64_t replicas);
    bool oldPodsRunning(const nlohmann::json& deployment, const Sets& old) const;
    void cleanup(const nlohmann::json& deployment, const Sets& old);
    void writeStatus(const nlohmann::json& deployment, const ObjectPtr& fresh, bool created);

    ClusterContext& m_context;
    EventRecorder& m_events;
    Requeue m_requeue;
    Created m_created;
};

}  // namespace meshlings::sim
