#include "simcluster/server/discovery.hpp"

#include <algorithm>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

bool Discovery::wantsAggregated(const std::string& accept) {
    // Any offered media range with g=apidiscovery.k8s.io, v=v2 and as=APIGroupDiscoveryList.
    std::size_t start = 0;
    while (start <= accept.size()) {
        const auto end = accept.find(',', start);
        const std::string range = accept.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (range.find("g=apidiscovery.k8s.io") != std::string::npos && range.find("v=v2;") != std::string::npos &&
            range.find("as=APIGroupDiscoveryList") != std::string::npos) {
            return true;
        }
        if (range.find("g=apidiscovery.k8s.io") != std::string::npos && range.size() >= 4 &&
            range.compare(range.size() - 4, 4, "v=v2") == 0 &&
            range.find("as=APIGroupDiscoveryList") != std::string::npos) {
            return true;
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return false;
}

namespace {

Json aggregatedResource(const ResourceType& type) {
    Json resource{{"resource", type.plural},
                  {"responseKind", {{"group", ""}, {"version", ""}, {"kind", type.kind}}},
                  {"scope", type.namespaced ? "Namespaced" : "Cluster"},
                  {"singularResource", type.singular},
                  {"verbs", type.verbs}};
    if (!type.shortNames.empty()) resource["shortNames"] = type.shortNames;
    if (!type.categories.empty()) resource["categories"] = type.categories;
    Json subresources = Json::array();
    for (const auto& sub : type.subresources) {
        subresources.push_back({{"subresource", sub.name},
                                {"responseKind", {{"group", sub.group}, {"version", sub.version}, {"kind", sub.kind}}},
                                {"verbs", sub.verbs}});
    }
    if (!subresources.empty()) resource["subresources"] = subresources;
    return resource;
}

}  // namespace

Json Discovery::aggregated(bool core) {
    Json items = Json::array();
    const auto groups = core ? std::vector<std::string>{""} : ResourceRegistry::groups();
    for (const auto& group : groups) {
        std::vector<std::string> versions;
        for (const auto& type : ResourceRegistry::all()) {
            if (type.group != group) continue;
            for (const auto& v : type.versions) {
                if (std::find(versions.begin(), versions.end(), v) == versions.end()) versions.push_back(v);
            }
        }
        Json versionItems = Json::array();
        for (const auto& version : versions) {
            Json resources = Json::array();
            for (const auto& type : ResourceRegistry::all()) {
                if (type.group == group && type.servesVersion(version)) resources.push_back(aggregatedResource(type));
            }
            versionItems.push_back({{"version", version}, {"resources", resources}, {"freshness", "Current"}});
        }
        Json item{{"metadata", {{"creationTimestamp", nullptr}}}, {"versions", versionItems}};
        if (!group.empty()) item["metadata"]["name"] = group;
        items.push_back(item);
    }
    return {{"kind", "APIGroupDiscoveryList"},
            {"apiVersion", "apidiscovery.k8s.io/v2"},
            {"metadata", Json::object()},
            {"items", items}};
}

Json Discovery::apiVersions(const std::string& serverAddress) {
    return {{"kind", "APIVersions"},
            {"versions", {"v1"}},
            {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", serverAddress}}}}};
}

Json Discovery::apiGroupList() {
    Json groups = Json::array();
    for (const auto& group : ResourceRegistry::groups()) {
        Json versions = Json::array();
        for (const auto& type : ResourceRegistry::all()) {
            if (type.group != group) continue;
            for (const auto& v : type.versions) {
                const Json entry{{"groupVersion", group + "/" + v}, {"version", v}};
                if (std::find(versions.begin(), versions.end(), entry) == versions.end()) versions.push_back(entry);
            }
        }
        groups.push_back({{"name", group}, {"versions", versions}, {"preferredVersion", versions[0]}});
    }
    return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

Json Discovery::resourceList(const std::string& group, const std::string& version) {
    Json resources = Json::array();
    for (const auto& type : ResourceRegistry::all()) {
        if (type.group != group || !type.servesVersion(version)) continue;
        Json entry{{"name", type.plural},
                   {"singularName", type.singular},
                   {"namespaced", type.namespaced},
                   {"kind", type.kind},
                   {"verbs", type.verbs}};
        if (!type.shortNames.empty()) entry["shortNames"] = type.shortNames;
        if (!type.categories.empty()) entry["categories"] = type.categories;
        resources.push_back(entry);
        for (const auto& sub : type.subresources) {
            Json subEntry{{"name", type.plural + "/" + sub.name},
                          {"singularName", ""},
                          {"namespaced", type.namespaced},
                          {"kind", sub.kind},
                          {"verbs", sub.verbs}};
            if (!sub.group.empty()) {
                subEntry["group"] = sub.group;
                subEntry["version"] = sub.version;
            }
            resources.push_back(subEntry);
        }
    }
    if (resources.empty()) return nullptr;
    return {{"kind", "APIResourceList"},
            {"apiVersion", "v1"},
            {"groupVersion", group.empty() ? version : group + "/" + version},
            {"resources", resources}};
}

Json Discovery::version() {
    return {{"major", "1"},
            {"minor", "32"},
            {"gitVersion", "v1.32.2"},
            {"gitCommit", "meshlings"},
            {"gitTreeState", "clean"},
            {"buildDate", "2026-01-01T00:00:00Z"},
            {"goVersion", "go1.23.6"},
            {"compiler", "gc"},
            {"platform", "linux/amd64"}};
}

}  // namespace meshlings::sim
