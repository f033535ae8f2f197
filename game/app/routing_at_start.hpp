#pragma once
// The reviews routing of the built-in cluster as the session found it, so
// that a halt can put it back there (a real cluster has the RoutingGuard
// and its state file for that; the built-in one ends with the process and
// keeps none). Read once before the level's setup: the VirtualService's
// weights, or that there was none, and whether a DestinationRule existed.
// restore() writes the weights back (RoutingWriter), or deletes what did
// not exist at the start.
#include <optional>

#include "client/istio_routing.hpp"
#include "client/kube_client.hpp"
#include "world/model/reviews_weights.hpp"

namespace meshlings::app {

class RoutingAtStart {
public:
    // Throws as the client does when the routing cannot be read.
    explicit RoutingAtStart(const k8s::RestConfig& config);

    // Throws as the client does; objects already gone count as restored.
    void restore();
    const std::optional<world::ReviewsWeights>& weights() const { return m_weights; }

private:
    k8s::KubeClient m_client;
    k8s::IstioRouting m_istio;
    std::optional<world::ReviewsWeights> m_weights;  // nullopt: no reviews VirtualService at the start
    bool m_destinationRule = false;
};

}  // namespace meshlings::app
