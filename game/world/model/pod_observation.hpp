#pragma once
// What the cluster says about one pod, as the bridge distils it from an
// informer event: the world never sees Kubernetes objects, only this. The
// state is the one `kubectl get pods` would print in its STATUS column,
// reduced to the looks the game draws.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace meshlings::world {

enum class PodState : std::uint8_t {
    Pending,            // scheduled or not, no container created yet
    ContainerCreating,  // image pulling, containers starting
    RunningNotReady,    // running, readiness probe not (yet) passing
    Ready,              // all containers ready: serves traffic
    Terminating,        // deletionTimestamp set
    CrashLoopBackOff,   // a container keeps dying
};

struct PodObservation {
    std::string name;        // "reviews-v2-5b64f47978-x7k2p"
    std::string deployment;  // "reviews-v2"; empty when not owned by one
    std::string app;         // the `app` label: "productpage", "details", "reviews", "ratings"
    std::string version;     // the `version` label: "v1", "v2", "v3"; may be empty
    PodState state = PodState::Pending;
    int readyContainers = 0;
    int totalContainers = 1;
    int restarts = 0;
    std::int64_t createdAtSeconds = 0;  // creationTimestamp, Unix seconds (for the age in the tooltip)

    bool operator==(const PodObservation&) const = default;
};

std::string_view podStateName(PodState state);  // "Pending", "ContainerCreating", ...
std::optional<PodState> podStateFromName(std::string_view name);

// Down: not serving and not on the way back (Terminating, CrashLoopBackOff).
bool isDown(PodState state);
// Recovering: on the way to Ready (Pending, ContainerCreating, RunningNotReady).
bool isRecovering(PodState state);

}  // namespace meshlings::world
