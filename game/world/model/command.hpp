#pragma once
// Everything that changes the world, as plain data. The app submits them with
// World::submit; the world applies them at the start of its next step, in the
// order submitted, and that step's tick is the command's stamp in a replay.
//
// Three families:
//   player actions      (from the input table)      SelectPod .. SetPaused, the skills RequestRetry .. RequestEject
//   the emergency stop  (the session's halt)         HaltChaos
//   cluster observations (from informers / bridge)   PodUpserted .. ConnectionChanged
//   results              (of ClusterRequests, probes) ApiResult, ProbeObserved
//   mesh telemetry       (Prometheus, everyone's traffic) TelemetryObserved
#include <string>
#include <string_view>
#include <variant>

#include "world/model/cluster_request.hpp"
#include "world/model/pod_observation.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/model/telemetry_observed.hpp"

namespace meshlings::world {

// --- player actions -------------------------------------------------------

struct SelectPod {
    std::string pod;  // empty: clear the selection
    bool operator==(const SelectPod&) const = default;
};

struct CycleSelection {
    int direction = 1;  // +1 next pod, -1 previous (in map order)
    bool operator==(const CycleSelection&) const = default;
};

struct RequestDeletePod {
    std::string pod;  // empty: the pod selected when it applies (recorded by its name; none selected: dropped)
    bool operator==(const RequestDeletePod&) const = default;
};

struct RequestWeights {
    ReviewsWeights weights;
    bool operator==(const RequestWeights&) const = default;
};

struct RequestScale {
    std::string deployment;  // empty with a step: the selected pod's Deployment when it applies
    int replicas = 1;
    // +1/-1: one replica more/fewer than the Deployment's desired count when it applies (0..World::kMaxReplicas),
    // recorded as the Deployment and count it came to (step 0); nothing selected or no change: dropped.
    int step = 0;
    bool operator==(const RequestScale&) const = default;
};

// The resilience skills: each writes one Istio field for `service` (ResilienceSettings says which).
// An empty service: the selected pod's service when it applies (recorded by its name; none selected: dropped).
struct RequestRetry {
    std::string service;
    RetrySettings settings;
    bool operator==(const RequestRetry&) const = default;
};

struct RequestTimeout {
    std::string service;
    TimeoutSettings settings;
    bool operator==(const RequestTimeout&) const = default;
};

struct RequestCircuitBreaker {
    std::string service;
    BreakerSettings settings;
    bool operator==(const RequestCircuitBreaker&) const = default;
};

struct RequestEject {
    std::string service;
    EjectSettings settings;
    bool operator==(const RequestEject&) const = default;
};

// A level's chaos plan takes a node down (its kubelet stops: `stopped`) or brings it back up.
struct RequestNodeKubelet {
    std::string node;
    bool stopped = true;
    bool operator==(const RequestNodeKubelet&) const = default;
};

struct SetPaused {
    bool paused = true;
    bool operator==(const SetPaused&) const = default;
};

// The session was halted: the level's chaos plan makes no more changes (the
// world's own requests stop; the app refuses every request from then on).
struct HaltChaos {
    bool operator==(const HaltChaos&) const = default;
};

// --- cluster observations ---------------------------------------------------

struct PodUpserted {
    PodObservation pod;  // added or changed
    bool operator==(const PodUpserted&) const = default;
};

struct PodDeleted {
    std::string pod;  // gone from the API (after Terminating)
    bool operator==(const PodDeleted&) const = default;
};

struct WeightsObserved {
    ReviewsWeights weights;  // what the cluster's VirtualService says now, whoever changed it
    bool operator==(const WeightsObserved&) const = default;
};

struct ReplicasObserved {
    std::string deployment;
    int desired = 0;  // spec.replicas
    int ready = 0;    // status.readyReplicas
    bool operator==(const ReplicasObserved&) const = default;
};

struct ConnectionChanged {
    ConnectionState state = ConnectionState::Connecting;
    std::string message;     // shown in the HUD, e.g. "connection refused"
    std::string failedStep;  // the doctor's step that failed, e.g. "TCP connect"; empty when fine
    bool operator==(const ConnectionChanged&) const = default;
};

// --- results ---------------------------------------------------------------

struct ApiResult {
    std::uint64_t requestId = 0;  // ClusterRequest::id
    ApiOutcome outcome = ApiOutcome::Accepted;
    std::string message;  // the refusal ("Forbidden: ...") or empty
    bool operator==(const ApiResult&) const = default;
};

struct ProbeObserved {
    ProbeResult probe;
    bool operator==(const ProbeObserved&) const = default;
};

using Command = std::variant<SelectPod, CycleSelection, RequestDeletePod, RequestWeights, RequestScale, SetPaused,
                             PodUpserted, PodDeleted, WeightsObserved, ReplicasObserved, ConnectionChanged, ApiResult,
                             ProbeObserved, TelemetryObserved, HaltChaos, RequestRetry, RequestTimeout,
                             RequestCircuitBreaker, RequestEject, RequestNodeKubelet>;

// The verb that names the command in a replay line ("delete", "pod", "probe", ...); the one list of verbs is
// in command.cpp, and CommandCodec reads lines by it too.
std::string_view commandVerb(const Command& command);
// The verb of the alternative `C` of Command.
template <typename C>
std::string_view commandVerbOf() {
    return commandVerb(Command{std::in_place_type<C>});
}

}  // namespace meshlings::world
