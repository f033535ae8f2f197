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

// One container's state, as the kubelet reports it between pulls and restarts
// (the pod's phase and conditions follow: Pending while a container never ran):
// waiting ("ErrImagePull", "CrashLoopBackOff", ...; a terminated state moves to lastState),
void setContainerWaiting(Json& pod, const std::string& container, const std::string& reason, const std::string& message,
                         const std::string& timestamp);
// running (again, counting a restart, when `restart`),
void setContainerRunning(Json& pod, const std::string& container, bool restart, const std::string& timestamp);
// exited by itself (reason "Completed" for 0, else "Error").
void setContainerExited(Json& pod, const std::string& container, int exitCode, const std::string& timestamp);
// The status of a container by name, or null.
const Json* containerStatusOf(const Json& pod, const std::string& container);

// The DefaultTolerationSeconds admission plugin: tolerate node.kubernetes.io/not-ready and
// unreachable (NoExecute) for 300 s unless the pod says otherwise.
void addDefaultTolerations(Json& pod);
// Sets (or replaces) the DisruptionTarget condition a disruption leaves on the pod before it goes
// (reason EvictionByEvictionAPI, DeletionByTaintManager, DeletionByPodGC).
void setDisruptionTarget(Json& pod, const std::string& reason, const std::string& message,
                         const std::string& timestamp);

bool isReady(const Json& pod);
bool isTerminating(const Json& pod);
std::string controllerName(const Json& object);  // name of the controller owner, or ""

}  // namespace meshlings::sim::pod_builder
