#include "client/istio_routing.hpp"

#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace {

constexpr const char* kGroup = "networking.istio.io";
constexpr const char* kKnownVersions[] = {"v1", "v1beta1", "v1alpha3"};

}  // namespace

std::string IstioRouting::chooseVersion(const Json& groupList) {
    for (const auto& group : json_access::array(groupList, "groups")) {
        if (json_access::text(group, "name") != kGroup) continue;
        std::vector<std::string> served;
        for (const auto& version : json_access::array(group, "versions"))
            served.push_back(json_access::text(version, "version"));
        const std::string preferred = json_access::text(json_access::object(group, "preferredVersion"), "version");
        for (const char* known : kKnownVersions) {
            if (preferred == known) return preferred;
        }
        for (const char* known : kKnownVersions) {
            if (std::find(served.begin(), served.end(), known) != served.end()) return known;
        }
    }
    return "";
}

std::string IstioRouting::discoverVersion() {
    const std::string version = chooseVersion(m_client.get("/apis"));
    if (version.empty()) {
        throw StatusError(404, "NotFound",
                          "Istio's networking API (networking.istio.io v1, v1beta1 or v1alpha3) is not served by this "
                          "cluster: is Istio installed?");
    }
    return version;
}

std::string IstioRouting::apiVersion() {
    std::lock_guard lock(m_mutex);
    if (m_version.empty()) m_version = discoverVersion();
    return std::string(kGroup) + "/" + m_version;
}

ResourceRef IstioRouting::ref(const std::string& plural) {
    const std::string version = apiVersion();
    return ResourceRef{kGroup, version.substr(version.find('/') + 1), plural};
}

Json IstioRouting::create(const ResourceRef& resource, const char* kind, Json object, bool dryRun) {
    if (!object.is_object()) throw std::invalid_argument(std::string(kind) + " must be a JSON object");
    object["apiVersion"] = apiVersion();
    object["kind"] = kind;
    return m_client.create(resource.collection(m_client.nameSpace()) + dryRunQuery(dryRun), object);
}

Json IstioRouting::getVirtualService(const std::string& name) {
    return m_client.get(virtualServices().item(m_client.nameSpace(), name));
}

Json IstioRouting::listVirtualServices(const ListOptions& options) {
    return m_client.list(virtualServices().collection(m_client.nameSpace()) + options.toQuery());
}

Json IstioRouting::createVirtualService(Json object, bool dryRun) {
    return create(virtualServices(), "VirtualService", std::move(object), dryRun);
}

Json IstioRouting::patchVirtualService(const std::string& name, const Json& patch, PatchType type, bool dryRun) {
    return m_client.patch(virtualServices().item(m_client.nameSpace(), name) + dryRunQuery(dryRun), patch, type);
}

Json IstioRouting::deleteVirtualService(const std::string& name, bool dryRun) {
    return m_client.remove(virtualServices().item(m_client.nameSpace(), name) + dryRunQuery(dryRun));
}

Json IstioRouting::getDestinationRule(const std::string& name) {
    return m_client.get(destinationRules().item(m_client.nameSpace(), name));
}

Json IstioRouting::listDestinationRules(const ListOptions& options) {
    return m_client.list(destinationRules().collection(m_client.nameSpace()) + options.toQuery());
}

Json IstioRouting::createDestinationRule(Json object, bool dryRun) {
    return create(destinationRules(), "DestinationRule", std::move(object), dryRun);
}

Json IstioRouting::patchDestinationRule(const std::string& name, const Json& patch, PatchType type, bool dryRun) {
    return m_client.patch(destinationRules().item(m_client.nameSpace(), name) + dryRunQuery(dryRun), patch, type);
}

Json IstioRouting::deleteDestinationRule(const std::string& name, bool dryRun) {
    return m_client.remove(destinationRules().item(m_client.nameSpace(), name) + dryRunQuery(dryRun));
}

}  // namespace meshlings::k8s
