#include "simcluster/server/openapi.hpp"

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

namespace {

constexpr const char* kHash = "5EED0F0A11C0FFEE";

std::string pathOf(const std::string& group, const std::string& version) {
    return group.empty() ? "api/" + version : "apis/" + group + "/" + version;
}

Json parameter(const char* name) {
    return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

Json operation(const std::string& action, const ResourceType& type, const std::string& version) {
    Json parameters = Json::array({parameter("pretty")});
    if (action == "patch" || action == "post" || action == "put") {
        parameters.push_back(parameter("dryRun"));
        parameters.push_back(parameter("fieldManager"));
        parameters.push_back(parameter("fieldValidation"));
    }
    if (action == "patch") parameters.push_back(parameter("force"));
    return {{"operationId", action + type.kind},
            {"parameters", parameters},
            {"responses", {{"200", {{"description", "OK"}}}}},
            {"x-kubernetes-action", action == "post" ? "create" : action},
            {"x-kubernetes-group-version-kind", {{"group", type.group}, {"version", version}, {"kind", type.kind}}}};
}

}  // namespace

Json OpenApi::root() {
    Json paths = Json::object();
    for (const auto& type : ResourceRegistry::all()) {
        for (const auto& version : type.versions) {
            const std::string gv = pathOf(type.group, version);
            paths[gv] = {{"serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + kHash}};
        }
    }
    return {{"paths", paths}};
}

Json OpenApi::groupVersion(const std::string& gv) {
    Json paths = Json::object();
    for (const auto& type : ResourceRegistry::all()) {
        for (const auto& version : type.versions) {
            if (pathOf(type.group, version) != gv) continue;
            const std::string base = "/" + gv + (type.namespaced ? "/namespaces/{namespace}/" : "/") + type.plural;
            paths[base] = {{"get", operation("list", type, version)}, {"post", operation("post", type, version)}};
            paths[base + "/{name}"] = {{"get", operation("get", type, version)},
                                       {"put", operation("put", type, version)},
                                       {"patch", operation("patch", type, version)},
                                       {"delete", operation("delete", type, version)}};
        }
    }
    if (paths.empty()) return nullptr;
    return {{"openapi", "3.0.0"},
            {"info", {{"title", "Kubernetes"}, {"version", "v1.32.2"}}},
            {"paths", paths},
            {"components", {{"schemas", Json::object()}}}};
}

}  // namespace meshlings::sim
