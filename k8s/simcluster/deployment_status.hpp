#pragma once
// The status a Deployment controller writes after each sync, after
// kube-controller-manager's calculateStatus and syncRolloutStatus: counts
// summed over the ReplicaSets, Available against maxUnavailable, and
// Progressing (NewReplicaSetCreated, ReplicaSetUpdated, NewReplicaSetAvailable,
// ProgressDeadlineExceeded, DeploymentPaused / DeploymentResumed).
#include <cstdint>
#include <string>
#include <vector>

#include "simcluster/object_store.hpp"

namespace meshlings::sim {

class DeploymentStatus {
public:
    DeploymentStatus(const nlohmann::json& deployment, const std::vector<ObjectPtr>& replicaSets, ObjectPtr fresh,
                     std::string now);

    // The new status; `created` when this sync made the new ReplicaSet.
    nlohmann::json compute(bool created) const;
    // Milliseconds until the progress deadline of the status just computed passes
    // (0 when there is nothing to wait for: complete, timed out or paused).
    std::int64_t deadlineIn(std::int64_t unixNowMillis) const;

private:
    nlohmann::json counts() const;
    nlohmann::json progressing(const nlohmann::json& counts, bool created) const;
    nlohmann::json condition(const char* type, const char* status, const char* reason, const std::string& message,
                             bool progress) const;
    bool complete(const nlohmann::json& counts) const;
    bool madeProgress(const nlohmann::json& counts) const;
    bool timedOut() const;

    const nlohmann::json& m_deployment;
    const nlohmann::json& m_old;  // the status before this sync
    std::vector<ObjectPtr> m_sets;
    ObjectPtr m_fresh;
    std::string m_now;
    mutable nlohmann::json m_written;  // the Progressing condition compute() wrote
};

}  // namespace meshlings::sim
