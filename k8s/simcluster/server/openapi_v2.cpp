#include "simcluster/server/openapi_v2.hpp"

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

#include "simcluster/resource_type.hpp"
#include "simcluster/server/openapi.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

// Builds one protobuf message: fields appended in order.
class ProtoWriter {
public:
    ProtoWriter& text(int field, const std::string& value) {
        key(field, 2);
        varint(value.size());
        m_out += value;
        return *this;
    }
    ProtoWriter& message(int field, const ProtoWriter& inner) { return text(field, inner.m_out); }
    ProtoWriter& boolean(int field, bool value) {
        key(field, 0);
        varint(value ? 1 : 0);
        return *this;
    }
    ProtoWriter& integer(int field, std::int64_t value) {
        key(field, 0);
        varint(static_cast<std::uint64_t>(value));
        return *this;
    }
    ProtoWriter& real(int field, double value) {
        key(field, 1);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        for (int i = 0; i < 8; ++i) m_out += static_cast<char>((bits >> (8 * i)) & 0xFFU);
        return *this;
    }
    const std::string& bytes() const { return m_out; }

private:
    void key(int field, int wireType) { varint((static_cast<std::uint64_t>(field) << 3U) | wireType); }
    void varint(std::uint64_t value) {
        while (value >= 0x80) {
            m_out += static_cast<char>((value & 0x7FU) | 0x80U);
            value >>= 7U;
        }
        m_out += static_cast<char>(value);
    }
    std::string m_out;
};

// openapi.v2.Any: the value as YAML text (JSON is YAML).
ProtoWriter any(const Json& value) {
    return ProtoWriter().text(2, value.dump());
}

ProtoWriter namedAny(const std::string& name, const Json& value) {
    return ProtoWriter().text(1, name).message(2, any(value));
}

// openapi.v2.Schema from a swagger schema object.
ProtoWriter schema(const Json& node) {
    ProtoWriter out;
    if (!node.is_object()) return out;
    if (node.contains("$ref")) out.text(1, node["$ref"].get<std::string>());
    if (node.contains("format")) out.text(2, node["format"].get<std::string>());
    if (node.contains("title")) out.text(3, node["title"].get<std::string>());
    if (node.contains("description")) out.text(4, node["description"].get<std::string>());
    if (node.contains("default")) out.message(5, any(node["default"]));
    if (node.contains("maximum")) out.real(7, node["maximum"].get<double>());
    if (node.contains("minimum")) out.real(9, node["minimum"].get<double>());
    for (const char* name : {"maxLength", "minLength"}) {
        if (node.contains(name))
            out.integer(std::strcmp(name, "maxLength") == 0 ? 11 : 12, node[name].get<std::int64_t>());
    }
    if (node.contains("pattern")) out.text(13, node["pattern"].get<std::string>());
    for (const auto& name : node.value("required", Json::array())) out.text(19, name.get<std::string>());
    for (const auto& value : node.value("enum", Json::array())) out.message(20, any(value));
    if (node.contains("additionalProperties")) {
        const Json& additional = node["additionalProperties"];
        out.message(21, additional.is_boolean() ? ProtoWriter().boolean(2, additional.get<bool>())
                                                : ProtoWriter().message(1, schema(additional)));
    }
    if (node.contains("type")) {
        ProtoWriter types;
        if (node["type"].is_array()) {
            for (const auto& type : node["type"]) types.text(1, type.get<std::string>());
        } else {
            types.text(1, node["type"].get<std::string>());
        }
        out.message(22, types);
    }
    if (node.contains("items")) out.message(23, ProtoWriter().message(1, schema(node["items"])));
    for (const auto& part : node.value("allOf", Json::array())) out.message(24, schema(part));
    if (node.contains("properties")) {
        ProtoWriter properties;
        for (const auto& [name, value] : node["properties"].items()) {
            properties.message(1, ProtoWriter().text(1, name).message(2, schema(value)));
        }
        out.message(25, properties);
    }
    if (node.value("readOnly", false)) out.boolean(27, true);
    for (const auto& [name, value] : node.items()) {
        if (name.rfind("x-", 0) == 0) out.message(31, namedAny(name, value));
    }
    return out;
}

std::string pathOf(const ResourceType& type, const std::string& version) {
    const std::string gv = type.group.empty() ? "/api/" + version : "/apis/" + type.group + "/" + version;
    return gv + (type.namespaced ? "/namespaces/{namespace}/" : "/") + type.plural + "/{name}";
}

// The swagger document: every served kind's definitions, and per resource a
// path whose patch operation names its kind and takes fieldValidation.
Json swagger() {
    Json paths = Json::object();
    for (const auto& type : ResourceRegistry::all()) {
        for (const auto& version : type.versions) {
            Json parameters = Json::array();
            for (const char* name : {"dryRun", "fieldManager", "fieldValidation", "force"}) {
                parameters.push_back({{"name", name}, {"in", "query"}, {"type", "string"}, {"uniqueItems", true}});
            }
            const Json gvk{{"group", type.group}, {"version", version}, {"kind", type.kind}};
            paths[pathOf(type, version)]["patch"] = {{"operationId", "patch" + type.kind},
                                                     {"parameters", parameters},
                                                     {"responses", {{"200", {{"description", "OK"}}}}},
                                                     {"x-kubernetes-action", "patch"},
                                                     {"x-kubernetes-group-version-kind", gvk}};
        }
    }
    return {{"swagger", "2.0"},
            {"info", {{"title", "Kubernetes"}, {"version", "v1.32.2"}}},
            {"paths", paths},
            {"definitions", OpenApi::definitions()}};
}

ProtoWriter operation(const Json& op) {
    ProtoWriter out;
    out.text(5, op.value("operationId", ""));
    for (const auto& parameter : op.value("parameters", Json::array())) {
        const ProtoWriter query = ProtoWriter()
                                      .text(2, parameter.value("in", "query"))
                                      .text(4, parameter.value("name", ""))
                                      .text(6, parameter.value("type", "string"))
                                      .boolean(20, parameter.value("uniqueItems", false));
        // ParametersItem.parameter -> Parameter.non_body_parameter -> NonBodyParameter.query_parameter_sub_schema
        out.message(8, ProtoWriter().message(1, ProtoWriter().message(2, ProtoWriter().message(3, query))));
    }
    ProtoWriter responses;
    const Json codes = op.value("responses", Json::object());
    for (const auto& [code, response] : codes.items()) {
        const ProtoWriter value = ProtoWriter().message(1, ProtoWriter().text(1, response.value("description", "")));
        responses.message(1, ProtoWriter().text(1, code).message(2, value));
    }
    out.message(9, responses);
    for (const auto& [name, value] : op.items()) {
        if (name.rfind("x-", 0) == 0) out.message(13, namedAny(name, value));
    }
    return out;
}

std::string encode(const Json& document) {
    ProtoWriter out;
    out.text(1, document["swagger"].get<std::string>());
    out.message(2, ProtoWriter()
                       .text(1, document["info"]["title"].get<std::string>())
                       .text(2, document["info"]["version"].get<std::string>()));
    ProtoWriter paths;
    for (const auto& [path, item] : document["paths"].items()) {
        ProtoWriter pathItem;
        if (item.contains("patch")) pathItem.message(8, operation(item["patch"]));
        paths.message(2, ProtoWriter().text(1, path).message(2, pathItem));
    }
    out.message(8, paths);
    ProtoWriter definitions;
    for (const auto& [name, value] : document["definitions"].items()) {
        definitions.message(1, ProtoWriter().text(1, name).message(2, schema(value)));
    }
    out.message(9, definitions);
    return out.bytes();
}

}  // namespace

const std::string& OpenApiV2::json() {
    static const std::string text = swagger().dump();
    return text;
}

const std::string& OpenApiV2::protobuf() {
    static const std::string bytes = encode(swagger());
    return bytes;
}

}  // namespace meshlings::sim
