#pragma once
// The arithmetic of a Deployment's rollout, as kube-controller-manager's
// deployment util does it: maxSurge / maxUnavailable resolved against
// spec.replicas (absolute or percent; surge rounds up, unavailable down; both
// 0 becomes unavailable 1), the revision annotation, and the defaults the
// API server would have filled in. Used by DeploymentController.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim::rollout_math {

struct Fenceposts {
    std::int64_t surge = 0;
    std::int64_t unavailable = 0;
};

// An IntOrString ("25%" or 2) scaled against total; fallback when absent or malformed.
std::int64_t scaledValue(const nlohmann::json& intOrPercent, std::int64_t total, bool roundUp, std::int64_t fallback);

bool isRecreate(const nlohmann::json& deployment);
// For RollingUpdate; Recreate has neither surge nor unavailability to spend.
Fenceposts fenceposts(const nlohmann::json& deployment);
// What the Available condition allows: 0 for Recreate or no replicas.
std::int64_t maxUnavailable(const nlohmann::json& deployment);

std::int64_t replicas(const nlohmann::json& object);                     // spec.replicas, default 1
std::int64_t revision(const nlohmann::json& object);                     // deployment.kubernetes.io/revision, 0 if none
std::int64_t progressDeadlineSeconds(const nlohmann::json& deployment);  // default 600
std::int64_t revisionHistoryLimit(const nlohmann::json& deployment);     // default 10
std::int64_t minReadySeconds(const nlohmann::json& object);              // default 0

}  // namespace meshlings::sim::rollout_math
