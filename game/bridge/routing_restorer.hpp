#pragma once
// Puts the routing saved in a RoutingSnapshot back, object by object
// (VirtualService first, it names the DestinationRule's subsets):
//   - did not exist and the game created it: deleted (the saved uid and the
//     live resourceVersion as preconditions);
//   - existed and the game wrote it: spec, labels and annotations put back by
//     a JSON patch that first tests the resourceVersion;
//   - the game never wrote it: left alone.
// Before changing anything it compares the live resourceVersion with the one
// the game itself last wrote; when they differ someone else changed the
// object meanwhile (or deleted it, or created it), and that is reported as a
// conflict naming the object, which is left untouched -- unless the object
// already holds what was saved (a restore whose answer was lost, learnt
// only now): that is left as it is and counts as done. A live object whose
// uid is not the saved one is another object of that name: Refused, left
// alone. Objects dealt with
// are taken out of the snapshot; conflicts and failures stay in it.
#include "bridge/restore_report.hpp"
#include "bridge/routing_snapshot.hpp"
#include "client/istio_routing.hpp"

namespace meshlings::bridge {

class RoutingRestorer {
public:
    // `client` must outlive the restorer; its namespace is the snapshot's.
    explicit RoutingRestorer(k8s::KubeClient& client) : m_client(client), m_routing(client) {}

    // Never throws for an API or transport error: each is a Failed step.
    RestoreReport restore(RoutingSnapshot& snapshot);

private:
    RestoreStep restoreOne(const SavedObject& saved);
    RestoreStep putBack(const SavedObject& saved, const nlohmann::json& live);
    RestoreStep deleteCreated(const SavedObject& saved, const nlohmann::json& live);
    // The live object, or null when it does not exist.
    nlohmann::json get(const SavedObject& saved);

    k8s::KubeClient& m_client;
    k8s::IstioRouting m_routing;
};

}  // namespace meshlings::bridge
