#include "bridge/pod_distiller.hpp"

#include <cstdio>
#include <ctime>

#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;
using world::PodState;

namespace {

// Waiting reasons that mean a container keeps failing rather than starting.
bool isFailureReason(const std::string& reason) {
    return reason == "CrashLoopBackOff" || reason == "ErrImagePull" || reason == "ImagePullBackOff" ||
           reason == "CreateContainerConfigError" || reason == "CreateContainerError" ||
           reason == "RunContainerError" || reason == "InvalidImageName";
}

bool anyWaiting(const Json& statuses, bool (*matches)(const std::string&)) {
    for (const auto& status : statuses) {
        const std::string reason = ja::text(ja::object(ja::object(status, "state"), "waiting"), "reason");
        if (!reason.empty() && matches(reason)) return true;
    }
    return false;
}

bool readyCondition(const Json& status) {
    for (const auto& condition : ja::array(status, "conditions")) {
        if (ja::text(condition, "type") == "Ready") return ja::text(condition, "status") == "True";
    }
    return false;
}

}  // namespace

PodState PodDistiller::stateOf(const Json& pod) {
    const Json& metadata = ja::object(pod, "metadata");
    const Json& status = ja::object(pod, "status");
    if (!ja::field(metadata, "deletionTimestamp").is_null()) return PodState::Terminating;
    const Json& containers = ja::array(status, "containerStatuses");
    const Json& inits = ja::array(status, "initContainerStatuses");
    if (anyWaiting(containers, isFailureReason) || anyWaiting(inits, isFailureReason))
        return PodState::CrashLoopBackOff;
    const std::string phase = ja::text(status, "phase");
    if (phase == "Failed") return PodState::CrashLoopBackOff;
    if (phase == "Succeeded") return PodState::Terminating;
    if (phase == "Running") return readyCondition(status) ? PodState::Ready : PodState::RunningNotReady;
    // Pending: containers being made once the kubelet reports them at all.
    return containers.empty() && inits.empty() ? PodState::Pending : PodState::ContainerCreating;
}

std::string PodDistiller::deploymentOf(const Json& pod) {
    const Json& metadata = ja::object(pod, "metadata");
    const std::string hash = ja::text(ja::object(metadata, "labels"), "pod-template-hash");
    for (const auto& owner : ja::array(metadata, "ownerReferences")) {
        if (ja::text(owner, "kind") != "ReplicaSet") continue;
        const std::string replicaSet = ja::text(owner, "name");
        if (!hash.empty() && replicaSet.size() > hash.size() + 1 &&
            replicaSet.compare(replicaSet.size() - hash.size(), hash.size(), hash) == 0) {
            return replicaSet.substr(0, replicaSet.size() - hash.size() - 1);
        }
        const auto dash = replicaSet.rfind('-');
        return dash == std::string::npos ? replicaSet : replicaSet.substr(0, dash);
    }
    return "";
}

std::int64_t PodDistiller::unixSeconds(const std::string& timestamp) {
    std::tm tm{};
    char zone = 0;
    if (std::sscanf(timestamp.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, &zone) < 6) {
        return 0;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return static_cast<std::int64_t>(timegm(&tm));
}

world::PodObservation PodDistiller::distill(const Json& pod) {
    const Json& metadata = ja::object(pod, "metadata");
    const Json& labels = ja::object(metadata, "labels");
    const Json& status = ja::object(pod, "status");
    world::PodObservation out;
    out.name = ja::text(metadata, "name");
    out.deployment = deploymentOf(pod);
    out.app = ja::text(labels, "app");
    out.version = ja::text(labels, "version");
    out.state = stateOf(pod);
    out.totalContainers = static_cast<int>(ja::array(ja::object(pod, "spec"), "containers").size());
    out.readyContainers = 0;
    out.restarts = 0;
    for (const auto& container : ja::array(status, "containerStatuses")) {
        out.readyContainers += ja::flag(container, "ready") ? 1 : 0;
        out.restarts += static_cast<int>(ja::integer(container, "restartCount", 0));
    }
    if (out.totalContainers == 0) out.totalContainers = 1;
    out.createdAtSeconds = unixSeconds(ja::text(metadata, "creationTimestamp"));
    return out;
}

}  // namespace meshlings::bridge
