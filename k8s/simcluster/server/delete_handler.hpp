#pragma once
// DELETE of one object: reads DeleteOptions from the query and the body
// (grace period, dry run, UID precondition), lets the kubelet run a pod's
// graceful deletion and answers with the pod, and removes anything else at
// once (the garbage collector then takes its dependents, or, with
// propagationPolicy Orphan, leaves them), answering with a Success Status as
// the real server does; and DELETE of a whole collection.
#include <functional>
#include <nlohmann/json.hpp>

#include "simcluster/cluster.hpp"
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class DeleteHandler {
public:
    using Sync = std::function<void()>;  // brings the model up to the clock; called under the cluster lock

    DeleteHandler(Cluster& cluster, Sync sync) : m_cluster(cluster), m_sync(std::move(sync)) {}

    // Takes the cluster lock. Throws ApiError (404, 409 for a failed precondition, 400).
    nlohmann::json remove(const http::Request& request, const ApiRequest& api);
    // DELETE of a collection (deletecollection): every object matching labelSelector and fieldSelector,
    // each as remove() would; answers with the list of those deleted. Takes the cluster lock.
    nlohmann::json removeCollection(const http::Request& request, const ApiRequest& api);

private:
    Cluster& m_cluster;
    Sync m_sync;
};

}  // namespace meshlings::sim
