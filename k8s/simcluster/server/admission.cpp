#include "simcluster/server/admission.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"
#include "simcluster/server/object_validator.hpp"
#include "simcluster/server/request_json.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

// As Kubernetes' IsDNS1123Subdomain: at most 253 characters, dot-separated
// labels of [a-z0-9-] that each start and end with [a-z0-9] (so "a..b" and
// "a.-b" are not names).
bool Admission::validName(const std::string& name) {
    if (name.empty() || name.size() > 253) return false;
    const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = name.find('.', start);
        const std::string_view label(name.data() + start, (dot == std::string::npos ? name.size() : dot) - start);
        if (label.empty() || !alnum(label.front()) || !alnum(label.back())) return false;
        for (const char c : label) {
            if (!alnum(c) && c != '-') return false;
        }
        if (dot == std::string::npos) return true;
        start = dot + 1;
    }
}

// 422 Invalid naming the kind that was written (Deployment.apps, or
// Scale.autoscaling through the scale subresource) with a FieldValueInvalid cause.
void Admission::validateReplicas(const std::string& kind, const std::string& group, const std::string& name,
                                 const Json& replicas) {
    const bool number = replicas.is_number_integer();
    if (number && replicas.get<std::int64_t>() >= 0 && replicas.get<std::int64_t>() <= kMaxReplicas) return;
    const std::string detail = "Invalid value: " + request_json::dump(replicas) +
                               (number && replicas.get<std::int64_t>() > kMaxReplicas
                                    ? ": must be less than or equal to 100000 in the built-in cluster"
                                    : ": must be greater than or equal to 0");
    const std::string qualified = group.empty() ? kind : kind + "." + group;
    const Json cause{{"reason", "FieldValueInvalid"}, {"message", detail}, {"field", "spec.replicas"}};
    throw ApiError(422, "Invalid", qualified + " \"" + name + "\" is invalid: spec.replicas: " + detail,
                   {{"name", name}, {"group", group}, {"kind", kind}, {"causes", Json::array({cause})}});
}

void Admission::validateScale(const std::string& name, const Json& scale) {
    const Json& spec = json_access::object(scale, "spec");
    if (spec.contains("replicas")) validateReplicas("Scale", "autoscaling", name, spec["replicas"]);
}

void Admission::admitChange(const ApiRequest& api, const Json& object) {
    const Json& spec = json_access::object(object, "spec");
    if (spec.contains("replicas")) {
        validateReplicas(api.type->kind, api.type->group, json_access::text(object["metadata"], "name"),
                         spec["replicas"]);
    }
    ObjectValidator::validate(*api.type, object);
}

void Admission::admitNew(const ObjectStore& store, const ApiRequest& api, Json& object) {
    if (api.type->namespaced && api.ns.empty()) {
        throw ApiError::methodNotAllowed("create a namespaced object in its namespace's collection");
    }
    if (api.type->namespaced && !store.get(ResourceRegistry::byKind("Namespace"), "", api.ns)) {
        throw ApiError::notFound("namespaces", api.ns);
    }
    auto& meta = object["metadata"];
    const std::string name = json_access::text(meta, "name");
    if (!validName(name)) {
        const std::string detail =
            "Invalid value: " + request_json::dump(name) +
            ": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
            "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
        const Json cause{{"reason", "FieldValueInvalid"}, {"message", detail}, {"field", "metadata.name"}};
        const std::string& group = api.type->group;
        const std::string qualified = group.empty() ? api.type->kind : api.type->kind + "." + group;
        throw ApiError(
            422, "Invalid", qualified + " \"" + name + "\" is invalid: metadata.name: " + detail,
            {{"name", name}, {"group", api.type->group}, {"kind", api.type->kind}, {"causes", Json::array({cause})}});
    }
    // What only the cluster writes: identity, version, deletion, and the status of workloads.
    for (const char* field : {"resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "uid"})
        meta.erase(field);
    if (api.type->kind == "Pod" || api.type->kind == "Deployment" || api.type->kind == "ReplicaSet")
        object.erase("status");
    if (api.type->kind == "Namespace") {
        // The namespace strategy's PrepareForCreate: Active, the "kubernetes" finalizer, the name label.
        object["status"] = {{"phase", "Active"}};
        if (!object["spec"].is_object() || !object["spec"].contains("finalizers"))
            object["spec"]["finalizers"] = Json::array({"kubernetes"});
        meta["labels"]["kubernetes.io/metadata.name"] = name;
    }
    if (api.type->kind == "Pod") pod_builder::addDefaultTolerations(object);  // DefaultTolerationSeconds
    admitChange(api, object);
}

}  // namespace meshlings::sim
