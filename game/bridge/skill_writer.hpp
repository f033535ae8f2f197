#pragma once
// Writes the resilience skills, one Istio field each, into the routing of one
// Bookinfo service (the object named after the service, as Kiali's wizards
// name theirs):
//   SetRetries           VirtualService: every http route's `retries` {attempts, perTryTimeout, retryOn}
//   SetTimeout           VirtualService: every http route's `timeout`
//   SetConnectionPool    DestinationRule: trafficPolicy.connectionPool {tcp.maxConnections,
//   http.http1MaxPendingRequests} SetOutlierDetection  DestinationRule: trafficPolicy.outlierDetection
//   {consecutive5xxErrors, interval,
//                        baseEjectionTime, maxEjectionPercent}
// An existing object is changed by a JSON patch that first tests the
// resourceVersion read (someone else's change meanwhile fails with a
// conflict, never overwritten) and touches nothing but that field; a missing
// one is created, labelled `app.kubernetes.io/managed-by: meshlings`, with a
// route to the whole service (VirtualService) or the service's version
// subsets (DestinationRule), so routing stays as it was. Every call may be a
// server-side dry-run. The RoutingGuard saves the object first on a real
// cluster; holds() tells it whether a live object carries the skill's value.
#include <string>

#include "client/istio_routing.hpp"
#include "world/model/cluster_request.hpp"

namespace meshlings::bridge {

class SkillWriter {
public:
    // `routing` must outlive the writer.
    SkillWriter(k8s::IstioRouting& routing, std::string nameSpace);

    // The kind of object a skill writes: "VirtualService" or "DestinationRule".
    static std::string kindOf(world::ClusterRequestKind kind);

    // Writes `request`'s field; the server's answer (the object as written). Throws as the client does.
    nlohmann::json apply(const world::ClusterRequest& request, bool dryRun);
    // The Istio value the skill writes (`retries`, `timeout`, `connectionPool`, `outlierDetection`).
    static nlohmann::json value(const world::ClusterRequest& request);
    // True when `live` (the skill's object) holds the skill's value where apply() writes it.
    static bool holds(const nlohmann::json& live, const world::ClusterRequest& request);
    // The object a fresh apply creates.
    nlohmann::json created(const world::ClusterRequest& request) const;

    // "1.5s", "250ms", "2s": a Go duration, as Istio's webhook parses it.
    static std::string duration(int milliseconds);

private:
    nlohmann::json patchVirtualService(const world::ClusterRequest& request, const nlohmann::json& live, bool dryRun);
    nlohmann::json patchDestinationRule(const world::ClusterRequest& request, const nlohmann::json& live, bool dryRun);
    std::string fqdn(const std::string& service) const { return service + "." + m_nameSpace + ".svc.cluster.local"; }

    k8s::IstioRouting& m_routing;
    std::string m_nameSpace;
};

}  // namespace meshlings::bridge
