#include "bridge/request_router.hpp"

#include <utility>

namespace meshlings::bridge {

RequestRouter::RequestRouter(Send send, std::string namespaceRefusal)
    : m_send(std::move(send)), m_namespaceRefusal(std::move(namespaceRefusal)) {}

std::string RequestRouter::refusalFor(const std::string& targetNamespace, const NamespacePolicy& policy) {
    return NamespaceGuard(targetNamespace, policy, NamespaceGuard::ownNamespace()).refusal(targetNamespace);
}

void RequestRouter::route(std::vector<world::ClusterRequest> requests) {
    for (auto& request : requests) {
        if (!m_refuseAll.empty()) {
            refuse(request, m_refuseAll);
        } else if (!m_namespaceRefusal.empty()) {
            refuse(request, m_namespaceRefusal);
        } else if (m_send) {
            m_send(std::move(request));
        } else {
            refuse(request, "not connected to a cluster");
        }
    }
}

void RequestRouter::refuseAll(std::string reason) {
    if (m_refuseAll.empty()) m_refuseAll = std::move(reason);
}

std::vector<world::ApiResult> RequestRouter::takeRefusals() {
    return std::exchange(m_refusals, {});
}

void RequestRouter::refuse(const world::ClusterRequest& request, const std::string& why) {
    m_refusals.push_back(world::ApiResult{request.id, world::ApiOutcome::Refused, why});
}

}  // namespace meshlings::bridge
