#pragma once
// Shifts reviews traffic the way Kiali's Traffic Shifting wizard does: a
// DestinationRule `reviews` with subsets v1, v2, v3 (by the `version` label)
// and a VirtualService `reviews` whose default route carries the weights,
// both in the networking.istio.io version the server prefers and labelled
// `kiali_wizard: traffic_shifting` when created here.
//
// Unlike the wizard it also edits routing it did not make: an existing
// DestinationRule gains the subsets it lacks, and in an existing
// VirtualService only the default route (the first rule without `match`)
// is replaced, by a JSON patch that first tests the resourceVersion read,
// so a change made meanwhile by someone else fails with a conflict instead
// of being overwritten. Every call may be a server-side dry-run.
#include <string>

#include "client/istio_routing.hpp"
#include "world/model/reviews_weights.hpp"

namespace meshlings::bridge {

class RoutingWriter {
public:
    // The service whose routing the game writes (and the guard saves).
    static constexpr const char* kService = "reviews";

    // The server's answers to the writes apply() made: the objects as
    // written, with their resourceVersions; null for what it did not write
    // (or whose answer did not come).
    struct Answers {
        nlohmann::json destinationRule;
        nlohmann::json virtualService;
    };

    // `routing` must outlive the writer; its client's namespace is used.
    explicit RoutingWriter(k8s::IstioRouting& routing, std::string nameSpace);

    // Throws StatusError / TransportError as the client does; a VirtualService
    // whose default route is missing gets one added. `answers`, when given,
    // is filled as each write is answered, so it holds the DestinationRule's
    // even when the VirtualService's write then throws.
    void apply(const world::ReviewsWeights& weights, bool dryRun, Answers* answers = nullptr);

    // The objects a fresh apply creates.
    nlohmann::json destinationRule() const;
    nlohmann::json virtualService(const world::ReviewsWeights& weights) const;
    nlohmann::json route(const world::ReviewsWeights& weights, const std::string& host) const;

private:
    nlohmann::json ensureDestinationRule(bool dryRun);  // the answer to its write, or null when none was needed
    std::string fqdn() const { return "reviews." + m_nameSpace + ".svc.cluster.local"; }

    k8s::IstioRouting& m_routing;
    std::string m_nameSpace;
};

}  // namespace meshlings::bridge
