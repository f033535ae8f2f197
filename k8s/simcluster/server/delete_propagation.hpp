#pragma once
// DeleteOptions.propagationPolicy of a DELETE (`kubectl delete --cascade=`):
// which policy the request asks for, and the orphaning the garbage collector
// does for `Orphan` (its dependents lose their ownerReference to the owner and
// stay). Background, kubectl's default, is the garbage collector's ordinary
// collection after the owner is gone.
#include <nlohmann/json.hpp>
#include <string>

#include "simcluster/object_store.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class DeletePropagation {
public:
    // "Orphan", "Background", "Foreground" or "" (none given) from the query or the DeleteOptions body.
    // Throws ApiError 422 for any other value, with the apiserver's message.
    static std::string policy(const http::Request& request, const nlohmann::json& options);

    // Removes `owner`'s ownerReference from its direct dependents (a Deployment's ReplicaSets, a
    // ReplicaSet's pods), as the garbage collector does for the `orphan` finalizer. Under the cluster lock.
    static void orphanDependents(ObjectStore& store, const ResourceType& ownerType, const nlohmann::json& owner);
};

}  // namespace meshlings::sim
