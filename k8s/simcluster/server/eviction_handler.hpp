#pragma once
// The Eviction subresource (POST pods/NAME/eviction), as kube-apiserver's
// EvictionREST does it: reads a policy/v1 (or v1beta1) Eviction in JSON or
// protobuf, deletes a pod that may go without asking (Pending, finished,
// terminating), otherwise spends one disruption of the pod's
// PodDisruptionBudget or answers 429 "Cannot evict pod as it would violate
// the pod's disruption budget."; the pod gets the DisruptionTarget condition
// (EvictionByEvictionAPI) and is deleted honouring the deleteOptions.
#include <functional>
#include <nlohmann/json.hpp>

#include "simcluster/cluster.hpp"
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class EvictionHandler {
public:
    using Sync = std::function<void()>;  // brings the model up to the clock; called under the cluster lock

    EvictionHandler(Cluster& cluster, Sync sync) : m_cluster(cluster), m_sync(std::move(sync)) {}

    // Takes the cluster lock. Answers the Status to send with HTTP `status`; throws ApiError.
    nlohmann::json evict(const http::Request& request, const ApiRequest& api, int& status);

    // An Eviction body in JSON or Kubernetes protobuf, as JSON (apiVersion, kind, metadata, deleteOptions).
    static nlohmann::json parseBody(const std::string& body, const std::string& contentType);

private:
    // checkAndDecrement: throws the 429 when the budget allows no disruption; else spends one.
    void spend(const nlohmann::json& budget, const std::string& pod, bool dryRun);
    void deletePod(const ApiRequest& api, const nlohmann::json& options, bool dryRun);

    Cluster& m_cluster;
    Sync m_sync;
};

}  // namespace meshlings::sim
