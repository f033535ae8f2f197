#pragma once
// Pod objects at each step of their life, shaped as the kubelet and the
// sidecar injector leave them (../shared/docs/k8s-api.md §4): Pending, scheduled,
// ContainerCreating, Running (not) ready, terminated. Pure functions on JSON.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim::pod_builder {

using Json = nlohmann::json;

// A new Pending pod from a ReplicaSet's template (with the istio-proxy
// sidecar when `injectSidecar`).
Json fromReplicaSet(const Json& replicaSet, const std::string& name, bool injectSidecar);

void setScheduled(Json& pod, const std::string& node, const std::string& timestamp);
void setContainerCreating(Json& pod, const std::string& hostIP, const std::string& timestamp);
void setRunning(Json& pod, const std::string& podIP, const std::string& timestamp);
void setReady(Json& pod, bool ready, const std::string& timestamp);
// One side becomes ready: the istio-proxy sidecar (`sidecar`) or the app
// containers. The pod is Ready when every container is.
// Marks ready the running containers that have no readinessProbe (a real
// kubelet counts them ready as soon as they run); true when any was.
bool setProbelessReady(Json& pod, const std::string& timestamp);
void setContainersReady(Json& pod, bool sidecar, const std::string& timestamp);
// Containers stopped; exit 0 gives phase Succeeded ("Completed"), else Failed ("Error").
void setTerminated(Json& pod, int exitCode, const std::string& timestamp);

bool isReady(const Json& pod);
bool isTerminating(const Json& pod);
std::string controllerName(const Json& object);  // name of the controller owner, or ""

}  // namespace meshlings::sim::pod_builder
