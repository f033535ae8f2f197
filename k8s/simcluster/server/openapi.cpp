#include "simcluster/server/openapi.hpp"

#include <map>
#include <mutex>
#include <set>

#include "simcluster/server/embedded_data.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

namespace {

constexpr const char* kHash = "5EED0F0A11C0FFEE";
constexpr const char* kDefinitions = "#/definitions/";

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

bool hasGvk(const Json& schema, const std::string& group, const std::string& version, const std::string& kind) {
    const auto gvks = schema.find("x-kubernetes-group-version-kind");
    if (gvks == schema.end() || !gvks->is_array()) return false;
    for (const auto& gvk : *gvks) {
        if (gvk.value("group", "") == group && gvk.value("version", "") == version &&
            (kind.empty() || gvk.value("kind", "") == kind)) {
            return true;
        }
    }
    return false;
}

// Adds `name` and every definition it refers to.
void collect(const std::string& name, std::set<std::string>& names) {
    if (!names.insert(name).second) return;
    const auto it = OpenApi::definitions().find(name);
    if (it == OpenApi::definitions().end()) return;
    std::vector<const Json*> stack{&*it};
    while (!stack.empty()) {
        const Json* node = stack.back();
        stack.pop_back();
        if (node->is_object()) {
            for (const auto& [key, value] : node->items()) {
                if (key == "$ref" && value.is_string()) {
                    collect(value.get<std::string>().substr(std::string(kDefinitions).size()), names);
                } else {
                    stack.push_back(&value);
                }
            }
        } else if (node->is_array()) {
            for (const auto& value : *node) stack.push_back(&value);
        }
    }
}

// The same schema with `$ref`s pointing into OpenAPI v3's components.
Json toV3(Json schema) {
    if (schema.is_object()) {
        for (auto& [key, value] : schema.items()) {
            if (key == "$ref" && value.is_string()) {
                value = "#/components/schemas/" + value.get<std::string>().substr(std::string(kDefinitions).size());
            } else {
                value = toV3(std::move(value));
            }
        }
    } else if (schema.is_array()) {
        for (auto& value : schema) value = toV3(std::move(value));
    }
    return schema;
}

Json schemasOf(const std::string& group, const std::string& version) {
    std::set<std::string> names;
    for (const auto& [name, schema] : OpenApi::definitions().items()) {
        if (hasGvk(schema, group, version, "")) collect(name, names);
    }
    Json schemas = Json::object();
    for (const auto& name : names) {
        if (OpenApi::definitions().contains(name)) schemas[name] = toV3(OpenApi::definitions()[name]);
    }
    return schemas;
}

}  // namespace

const Json& OpenApi::definitions() {
    static const Json parsed = Json::parse(embedded::openApiDefinitions()).at("definitions");
    return parsed;
}

const Json* OpenApi::schemaOf(const ResourceType& type) {
    for (const auto& [name, schema] : definitions().items()) {
        if (hasGvk(schema, type.group, type.versions.front(), type.kind)) return &schema;
    }
    return nullptr;
}

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
    static std::mutex mutex;
    static std::map<std::string, Json> documents;
    std::lock_guard lock(mutex);
    if (const auto cached = documents.find(gv); cached != documents.end()) return cached->second;
    Json paths = Json::object();
    std::string group;
    std::string servedVersion;
    for (const auto& type : ResourceRegistry::all()) {
        for (const auto& version : type.versions) {
            if (pathOf(type.group, version) != gv) continue;
            group = type.group;
            servedVersion = version;
            const std::string base = "/" + gv + (type.namespaced ? "/namespaces/{namespace}/" : "/") + type.plural;
            paths[base] = {{"get", operation("list", type, version)}, {"post", operation("post", type, version)}};
            paths[base + "/{name}"] = {{"get", operation("get", type, version)},
                                       {"put", operation("put", type, version)},
                                       {"patch", operation("patch", type, version)},
                                       {"delete", operation("delete", type, version)}};
        }
    }
    if (paths.empty()) return nullptr;
    Json document{{"openapi", "3.0.0"},
                  {"info", {{"title", "Kubernetes"}, {"version", "v1.32.2"}}},
                  {"paths", paths},
                  {"components", {{"schemas", schemasOf(group, servedVersion)}}}};
    return documents.emplace(gv, std::move(document)).first->second;
}

}  // namespace meshlings::sim
