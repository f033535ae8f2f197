#pragma once
// VirtualService and DestinationRule calls in the version of
// networking.istio.io the server prefers (v1 on Istio >= 1.22, else v1beta1,
// else v1alpha3), found once through discovery (GET /apis) and kept.
// One small named function per call: get, list, create, patch (merge
// or JSON patch), delete; each may be a server-side dry-run.
#include <mutex>
#include <string>

#include "client/api_paths.hpp"
#include "client/call_options.hpp"
#include "client/kube_client.hpp"

namespace meshlings::k8s {

class IstioRouting {
public:
    explicit IstioRouting(KubeClient& client) : m_client(client) {}

    // "networking.istio.io/v1" etc.; throws StatusError 404 "Istio's networking
    // API is not served" when the CRDs are not installed.
    std::string apiVersion();
    ResourceRef virtualServices() { return ref("virtualservices"); }
    ResourceRef destinationRules() { return ref("destinationrules"); }

    Json getVirtualService(const std::string& name);
    Json listVirtualServices(const ListOptions& options = {});
    Json createVirtualService(Json object, bool dryRun = false);
    Json patchVirtualService(const std::string& name, const Json& patch, PatchType type, bool dryRun = false);
    Json deleteVirtualService(const std::string& name, bool dryRun = false);

    Json getDestinationRule(const std::string& name);
    Json listDestinationRules(const ListOptions& options = {});
    Json createDestinationRule(Json object, bool dryRun = false);
    Json patchDestinationRule(const std::string& name, const Json& patch, PatchType type, bool dryRun = false);
    Json deleteDestinationRule(const std::string& name, bool dryRun = false);

    // The version to use from an APIGroupList (GET /apis): the group's
    // preferred one when we know it, else the newest we know; "" for none.
    static std::string chooseVersion(const Json& groupList);

private:
    ResourceRef ref(const std::string& plural);
    Json create(const ResourceRef& resource, const char* kind, Json object, bool dryRun);
    std::string discoverVersion();

    KubeClient& m_client;
    std::mutex m_mutex;
    std::string m_version;
};

}  // namespace meshlings::k8s
