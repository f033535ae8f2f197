#pragma once
// Where the world's ClusterRequests go at the end of a tick: to the cluster
// (the session sends them to the ClusterBridge's one RequestExecutor, which
// also makes the routing changes), or answered Refused here,
// unsent -- after a halt (refuseAll), when the target namespace may not be
// changed (the one place the NamespaceGuard's refusal is applied to
// requests), or when there is no cluster. The refusals are kept as ApiResults
// for the session to hand to the world. Owns nothing.
#include <functional>
#include <string>
#include <vector>

#include "bridge/namespace_guard.hpp"
#include "world/model/cluster_request.hpp"
#include "world/model/command.hpp"

namespace meshlings::bridge {

class RequestRouter {
public:
    using Send = std::function<void(world::ClusterRequest)>;

    // `send` hands a request to the cluster (empty: there is none); `namespaceRefusal`: refusalFor() the target.
    RequestRouter(Send send, std::string namespaceRefusal);

    // The refusal for a target namespace under `policy`, Meshlings' own namespace protected.
    static std::string refusalFor(const std::string& targetNamespace, const NamespacePolicy& policy);

    void route(std::vector<world::ClusterRequest> requests);
    // Every later request is answered Refused with `reason` (the halt). The first reason stays.
    void refuseAll(std::string reason);
    // The requests answered here since the last call.
    std::vector<world::ApiResult> takeRefusals();
    const std::string& namespaceRefusal() const { return m_namespaceRefusal; }

private:
    void refuse(const world::ClusterRequest& request, const std::string& why);

    Send m_send;
    std::string m_namespaceRefusal;
    std::string m_refuseAll;
    std::vector<world::ApiResult> m_refusals;
};

}  // namespace meshlings::bridge
