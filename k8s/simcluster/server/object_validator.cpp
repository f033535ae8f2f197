#include "simcluster/server/object_validator.hpp"

#include <string>

#include "simcluster/api_error.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/mesh_config.hpp"
#include "simcluster/server/istio_validator.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

class Checker {
public:
    Checker(const ResourceType& type, const Json& object) : m_type(type) {
        m_name =
            object.contains("metadata") && object["metadata"].is_object() ? object["metadata"].value("name", "") : "";
    }

    [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
        const std::string kind = m_type.group.empty() ? m_type.kind : m_type.kind + "." + m_type.group;
        throw ApiError::invalid(kind + " \"" + m_name + "\" is invalid: " + field + ": " + problem);
    }
    const Json& object(const Json& parent, const char* key, const std::string& path, bool required = true) const {
        static const Json kEmpty = Json::object();
        if (!parent.contains(key) || parent[key].is_null()) {
            if (required) fail(path, "Required value");
            return kEmpty;
        }
        if (!parent[key].is_object()) fail(path, "Invalid value: must be an object");
        return parent[key];
    }
    const Json& array(const Json& parent, const char* key, const std::string& path, bool required = true) const {
        static const Json kEmpty = Json::array();
        if (!parent.contains(key) || parent[key].is_null()) {
            if (required) fail(path, "Required value");
            return kEmpty;
        }
        if (!parent[key].is_array()) fail(path, "Invalid value: must be an array");
        return parent[key];
    }
    void string(const Json& parent, const char* key, const std::string& path, bool required = true) const {
        if (!parent.contains(key) || parent[key].is_null()) {
            if (required) fail(path, "Required value");
            return;
        }
        if (!parent[key].is_string()) fail(path, "Invalid value: must be a string");
    }
    void integer(const Json& parent, const char* key, const std::string& path) const {
        if (parent.contains(key) && !parent[key].is_null() && !parent[key].is_number_integer()) {
            fail(path, "Invalid value: " + parent[key].dump() + ": must be an integer");
        }
    }
    void stringMap(const Json& parent, const char* key, const std::string& path, bool required = true) const {
        const Json& map = object(parent, key, path, required);
        for (const auto& [k, v] : map.items()) {
            if (!v.is_string()) fail(path + "." + k, "Invalid value: must be a string");
        }
    }
    void containers(const Json& podSpec, const std::string& path) const {
        const Json& list = array(podSpec, "containers", path + ".containers");
        if (list.empty()) fail(path + ".containers", "Required value");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string at = path + ".containers[" + std::to_string(i) + "]";
            if (!list[i].is_object()) fail(at, "Invalid value: must be an object");
            string(list[i], "name", at + ".name");
            string(list[i], "image", at + ".image");
        }
    }

private:
    const ResourceType& m_type;
    std::string m_name;
};

void validateWorkload(const Checker& c, const Json& spec) {
    c.integer(spec, "replicas", "spec.replicas");
    const Json& selector = c.object(spec, "selector", "spec.selector");
    c.stringMap(selector, "matchLabels", "spec.selector.matchLabels");
    const Json& tmpl = c.object(spec, "template", "spec.template");
    const Json& tmplMeta = c.object(tmpl, "metadata", "spec.template.metadata");
    c.stringMap(tmplMeta, "labels", "spec.template.metadata.labels");
    for (const auto& [key, value] : selector["matchLabels"].items()) {
        if (tmplMeta["labels"].value(key, "") != value) {
            c.fail("spec.template.metadata.labels", "Invalid value: `selector` does not match template `labels`");
        }
    }
    c.containers(c.object(tmpl, "spec", "spec.template.spec"), "spec.template.spec");
    // apps validation: a rolling update that may neither surge nor lose a pod cannot progress.
    const Json& rolling = json_access::object(json_access::object(spec, "strategy"), "rollingUpdate");
    auto isZero = [&](const char* key) {
        const Json& v = rolling.contains(key) ? rolling[key] : Json();
        return (v.is_number_integer() && v.get<std::int64_t>() == 0) || (v.is_string() && v.get<std::string>() == "0%");
    };
    if (isZero("maxSurge") && isZero("maxUnavailable")) {
        c.fail("spec.strategy.rollingUpdate.maxUnavailable",
               "Invalid value: " + rolling["maxUnavailable"].dump() + ": may not be 0 when `maxSurge` is 0");
    }
}

void validateVirtualService(const Checker& c, const Json& spec) {
    const Json& hosts = c.array(spec, "hosts", "spec.hosts");
    for (const auto& host : hosts) {
        if (!host.is_string()) c.fail("spec.hosts", "Invalid value: must be a list of strings");
    }
    const Json& gateways = c.array(spec, "gateways", "spec.gateways", false);
    for (const auto& gateway : gateways) {
        if (!gateway.is_string()) c.fail("spec.gateways", "Invalid value: must be a list of strings");
    }
    const Json& http = c.array(spec, "http", "spec.http", false);
    for (std::size_t i = 0; i < http.size(); ++i) {
        const std::string at = "spec.http[" + std::to_string(i) + "]";
        if (!http[i].is_object()) c.fail(at, "Invalid value: must be an object");
        const Json& matches = c.array(http[i], "match", at + ".match", false);
        for (std::size_t m = 0; m < matches.size(); ++m) {
            const std::string matchAt = at + ".match[" + std::to_string(m) + "]";
            if (!matches[m].is_object()) c.fail(matchAt, "Invalid value: must be an object");
            std::vector<std::pair<std::string, Json>> strings;
            if (matches[m].contains("uri")) strings.emplace_back(matchAt + ".uri", matches[m]["uri"]);
            for (const auto& [name, value] : c.object(matches[m], "headers", matchAt + ".headers", false).items()) {
                strings.emplace_back(matchAt + ".headers." + name, value);
            }
            for (const auto& [path, value] : strings) {
                if (!value.is_object()) c.fail(path, "Invalid value: must be an object");
                if (!value.contains("regex")) continue;
                if (!value["regex"].is_string()) c.fail(path + ".regex", "Invalid value: must be a string");
                const std::string problem = StringMatch::regexProblem(value["regex"].get<std::string>());
                if (!problem.empty()) c.fail(path + ".regex", "Invalid value: the regex " + problem);
            }
        }
        c.object(http[i], "fault", at + ".fault", false);
        c.object(http[i], "retries", at + ".retries", false);
        c.string(http[i], "timeout", at + ".timeout", false);
        const Json& route = c.array(http[i], "route", at + ".route", false);
        for (std::size_t j = 0; j < route.size(); ++j) {
            const std::string r = at + ".route[" + std::to_string(j) + "]";
            if (!route[j].is_object()) c.fail(r, "Invalid value: must be an object");
            const Json& destination = c.object(route[j], "destination", r + ".destination");
            c.string(destination, "host", r + ".destination.host");
            c.string(destination, "subset", r + ".destination.subset", false);
            c.integer(route[j], "weight", r + ".weight");
        }
    }
}

void validateDestinationRule(const Checker& c, const Json& spec) {
    c.string(spec, "host", "spec.host");
    const Json& subsets = c.array(spec, "subsets", "spec.subsets", false);
    for (std::size_t i = 0; i < subsets.size(); ++i) {
        const std::string at = "spec.subsets[" + std::to_string(i) + "]";
        if (!subsets[i].is_object()) c.fail(at, "Invalid value: must be an object");
        c.string(subsets[i], "name", at + ".name");
        c.stringMap(subsets[i], "labels", at + ".labels", false);
    }
}

}  // namespace

void ObjectValidator::validate(const ResourceType& type, const Json& object) {
    const Checker c(type, object);
    static const Json kNoSpec = Json::object();
    if (object.contains("spec") && !object["spec"].is_null() && !object["spec"].is_object()) {
        c.fail("spec", "Invalid value: must be an object");
    }
    // A missing spec is judged as an empty one, so its required fields are named.
    const Json& spec = object.contains("spec") && object["spec"].is_object() ? object["spec"] : kNoSpec;
    const std::string& kind = type.kind;
    if (kind == "Pod") {
        c.containers(spec, "spec");
    } else if (kind == "Deployment" || kind == "ReplicaSet") {
        validateWorkload(c, spec);
    } else if (kind == "Service") {
        c.stringMap(spec, "selector", "spec.selector", false);
        const Json& ports = c.array(spec, "ports", "spec.ports", false);
        for (std::size_t i = 0; i < ports.size(); ++i) {
            if (!ports[i].is_object())
                c.fail("spec.ports[" + std::to_string(i) + "]", "Invalid value: must be an object");
            c.integer(ports[i], "port", "spec.ports[" + std::to_string(i) + "].port");
        }
    } else if (kind == "VirtualService") {
        validateVirtualService(c, spec);
    } else if (kind == "DestinationRule") {
        validateDestinationRule(c, spec);
    }
    // Istio's validating webhook runs after the API server's schema checks.
    IstioValidator::validate(type, object);
}

}  // namespace meshlings::sim
