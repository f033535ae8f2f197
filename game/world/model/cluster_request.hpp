#pragma once
// A call the world wants made against the cluster. Player actions never call
// anything: the world queues one of these (World::takeRequests), the app's
// bridge executes it on the client's threads and answers with an ApiResult
// command carrying the same id. Until then the world shows it in flight.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "world/model/resilience_settings.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

enum class ClusterRequestKind : std::uint8_t {
    DeletePod,        // DELETE the pod `pod`
    SetWeights,       // create or patch the reviews VirtualService (and DestinationRule) to `weights`
    ScaleDeployment,  // patch the scale subresource of `deployment` to `replicas`
    // The resilience skills, each on `service`'s VirtualService (http routes) or DestinationRule (trafficPolicy),
    // patched, or created when there is none:
    SetRetries,           // every http route's `retries` to `retry`
    SetTimeout,           // every http route's `timeout` to `timeout`
    SetConnectionPool,    // trafficPolicy.connectionPool to `breaker`
    SetOutlierDetection,  // trafficPolicy.outlierDetection to `eject`
    // A level's node-down / node-up: merge-patch the Node `node`'s annotation meshlings.dev/kubelet to "stopped"
    // (`kubeletStopped`) or remove it; the built-in cluster models a stopped kubelet by it (docs/cluster-model.md).
    SetNodeKubelet,
};

struct ClusterRequest {
    std::uint64_t id = 0;  // unique in one world, counting from 1; the ApiResult names it
    ClusterRequestKind kind = ClusterRequestKind::DeletePod;
    std::string pod;             // DeletePod
    std::string deployment;      // DeletePod (the pod's, for messages), ScaleDeployment
    int replicas = 0;            // ScaleDeployment
    ReviewsWeights weights;      // SetWeights
    std::string service;         // the skills: "reviews", "ratings", ...
    RetrySettings retry;         // SetRetries
    TimeoutSettings timeout;     // SetTimeout
    BreakerSettings breaker;     // SetConnectionPool
    EjectSettings eject;         // SetOutlierDetection
    std::string node{};          // SetNodeKubelet
    bool kubeletStopped = true;  // SetNodeKubelet: down (true) or up
    Tick issuedAt;

    bool operator==(const ClusterRequest&) const = default;
};

std::string_view clusterRequestKindName(ClusterRequestKind kind);  // "delete", "weights", "scale", "retry", ...
// True for the kinds that write a VirtualService or DestinationRule (the RoutingGuard's); not SetNodeKubelet.
bool isRoutingRequest(ClusterRequestKind kind);

// How the API server answered a ClusterRequest.
enum class ApiOutcome : std::uint8_t {
    Accepted,  // the change was made
    Refused,   // an error: HTTP status, Forbidden, transport failure; the message says which
    DryRun,    // accepted by a server-side dry run: nothing changed (session not armed)
};

std::string_view apiOutcomeName(ApiOutcome outcome);  // "accepted", "refused", "dry-run"
std::optional<ApiOutcome> apiOutcomeFromName(std::string_view name);

// The state of the link to the cluster, as the bridge reports it.
enum class ConnectionState : std::uint8_t { Connecting, Connected, Lost, Failed };

std::string_view connectionStateName(ConnectionState state);  // "connecting", "connected", "lost", "failed"
std::optional<ConnectionState> connectionStateFromName(std::string_view name);

}  // namespace meshlings::world
