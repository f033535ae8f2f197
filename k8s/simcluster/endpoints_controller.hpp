#pragma once
// Keeps each Service's Endpoints and EndpointSlices in step with its pods:
// Ready pods are addresses, pods not yet ready are notReadyAddresses, and a
// terminating pod leaves the ready set the moment its deletion starts.
// Each Service's pods are tracked pod by pod (ServiceMembers), so a change
// of one pod does not rescan the namespace and rewrites one slice of at
// most 100 endpoints; a sync that would write the same objects again writes
// nothing.
#include <map>
#include <set>
#include <string>

#include "simcluster/cluster_context.hpp"
#include "simcluster/service_members.hpp"

namespace meshlings::sim {

class EndpointsController {
public:
    explicit EndpointsController(ClusterContext& context) : m_context(context) {}

    void onEvent(const StoreEvent& event);
    void syncService(const std::string& ns, const std::string& name);

private:
    void enqueue(const std::string& ns, const std::string& name);
    void removeObjects(const std::string& ns, const std::string& name);
    void syncEndpoints(const nlohmann::json& service, ServiceMembers& members);
    void syncSlices(const nlohmann::json& service, ServiceMembers& members);
    nlohmann::json buildSlice(const nlohmann::json& service, ServiceMembers::Slice& slice, nlohmann::json endpoints);
    static nlohmann::json endpointPorts(const nlohmann::json& service);

    ClusterContext& m_context;
    std::set<std::pair<std::string, std::string>> m_queued;
    std::map<std::pair<std::string, std::string>, ServiceMembers> m_members;  // of each Service with a selector
};

}  // namespace meshlings::sim
