#pragma once
// The PromQL Meshlings reads the mesh's traffic with: Kiali's namespace
// graph queries (kiali/kiali graph/telemetry/istio/istio.go) reduced to the
// labels an edge needs. `destination` is Kiali's query 2 (traffic reported
// by the server sidecars of the namespace); `unknown` is its query 0 turned
// towards the namespace's own requests that never reached a pod (reported
// by the client side only, destination_workload="unknown"). Plain values.
#include <string>
#include <vector>

namespace meshlings::mesh {

struct TelemetryQuery {
    std::string step;    // "destination traffic", "traffic to unknown destinations": named in errors
    std::string promql;  // the expression sent as `query=`
};

// Both queries for namespace `ns` with rate() over `windowSeconds` (at least 1; Kiali's graph uses 60).
// Throws std::invalid_argument naming the field when `ns` is not a Kubernetes name.
std::vector<TelemetryQuery> kialiEdgeQueries(const std::string& ns, int windowSeconds);

}  // namespace meshlings::mesh
