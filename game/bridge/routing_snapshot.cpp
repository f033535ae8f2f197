#include "bridge/routing_snapshot.hpp"

#include "bridge/routing_state_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what) {
    throw RoutingStateError("field " + field + ": " + what);
}

const Json& member(const Json& node, const std::string& prefix, const char* key, Json::value_t type,
                   const char* typeName) {
    const Json& value = ja::field(node, key);
    if (value.is_null()) bad(prefix + key, "missing");
    if (value.type() != type) bad(prefix + key, std::string("expected ") + typeName + ", got " + value.type_name());
    return value;
}

std::string text(const Json& node, const std::string& prefix, const char* key) {
    return member(node, prefix, key, Json::value_t::string, "a string").get<std::string>();
}

Json mapOf(const Json& node, const std::string& prefix, const char* key) {
    const Json& value = ja::field(node, key);
    if (value.is_null()) return Json::object();
    if (!value.is_object()) bad(prefix + key, std::string("expected an object, got ") + value.type_name());
    for (const auto& [name, entry] : value.items()) {
        if (!entry.is_string())
            bad(prefix + key + "." + name, std::string("expected a string, got ") + entry.type_name());
    }
    return value;
}

SavedObject objectFrom(const Json& node, const std::string& prefix) {
    if (!node.is_object())
        bad(prefix.substr(0, prefix.size() - 1), std::string("expected an object, got ") + node.type_name());
    SavedObject saved;
    saved.kind = text(node, prefix, "kind");
    if (saved.kind != "VirtualService" && saved.kind != "DestinationRule") {
        bad(prefix + "kind", "expected VirtualService or DestinationRule, got \"" + saved.kind + "\"");
    }
    saved.name = text(node, prefix, "name");
    if (saved.name.empty()) bad(prefix + "name", "empty");
    saved.existed = member(node, prefix, "existed", Json::value_t::boolean, "true or false").get<bool>();
    saved.uid = ja::text(node, "uid");
    saved.lastWrittenVersion = ja::text(node, "lastWrittenResourceVersion");
    if (!saved.existed) return saved;
    saved.resourceVersion = text(node, prefix, "resourceVersion");
    if (saved.resourceVersion.empty()) bad(prefix + "resourceVersion", "empty for an object that existed");
    saved.labels = mapOf(node, prefix, "labels");
    saved.annotations = mapOf(node, prefix, "annotations");
    saved.spec = member(node, prefix, "spec", Json::value_t::object, "an object");
    return saved;
}

}  // namespace

bool RoutingSnapshot::touched() const {
    for (const auto& saved : objects) {
        if (!saved.lastWrittenVersion.empty()) return true;
    }
    return false;
}

SavedObject* RoutingSnapshot::find(const std::string& kind, const std::string& name) {
    for (auto& saved : objects) {
        if (saved.kind == kind && saved.name == name) return &saved;
    }
    return nullptr;
}

Json RoutingSnapshot::toJson() const {
    Json list = Json::array();
    for (const auto& saved : objects) {
        Json entry = {{"kind", saved.kind},
                      {"name", saved.name},
                      {"existed", saved.existed},
                      {"uid", saved.uid},
                      {"lastWrittenResourceVersion", saved.lastWrittenVersion}};
        if (saved.existed) {
            entry["resourceVersion"] = saved.resourceVersion;
            entry["labels"] = saved.labels;
            entry["annotations"] = saved.annotations;
            entry["spec"] = saved.spec;
        }
        list.push_back(std::move(entry));
    }
    return {{"format", kFormat}, {"context", context}, {"namespace", nameSpace},
            {"server", server},  {"savedAt", savedAt}, {"objects", list}};
}

RoutingSnapshot RoutingSnapshot::fromJson(const Json& json) {
    if (!json.is_object()) bad("(top level)", std::string("expected an object, got ") + json.type_name());
    const Json& format = ja::field(json, "format");
    if (format.is_null()) bad("format", "missing");
    if (!format.is_number_integer() || format.get<std::int64_t>() != kFormat) {
        bad("format", "expected " + std::to_string(kFormat) + ", got " + format.dump());
    }
    RoutingSnapshot snapshot;
    snapshot.context = text(json, "", "context");
    snapshot.nameSpace = text(json, "", "namespace");
    if (snapshot.nameSpace.empty()) bad("namespace", "empty");
    snapshot.server = text(json, "", "server");
    snapshot.savedAt = ja::text(json, "savedAt");
    const Json& objects = member(json, "", "objects", Json::value_t::array, "a list");
    for (std::size_t i = 0; i < objects.size(); ++i) {
        snapshot.objects.push_back(objectFrom(objects[i], "objects[" + std::to_string(i) + "]."));
    }
    return snapshot;
}

SavedObject RoutingSnapshot::savedFrom(const std::string& kind, const std::string& name, const Json* live) {
    SavedObject saved;
    saved.kind = kind;
    saved.name = name;
    if (!live) return saved;
    const Json& metadata = ja::object(*live, "metadata");
    saved.existed = true;
    saved.uid = ja::text(metadata, "uid");
    saved.resourceVersion = ja::text(metadata, "resourceVersion");
    saved.labels = ja::object(metadata, "labels");
    saved.annotations = ja::object(metadata, "annotations");
    saved.spec = ja::object(*live, "spec");
    return saved;
}

}  // namespace meshlings::bridge
