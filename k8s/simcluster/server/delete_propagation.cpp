#include "simcluster/server/delete_propagation.hpp"

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_request.hpp"
#include "simcluster/json_access.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

std::string DeletePropagation::policy(const http::Request& request, const Json& options) {
    std::string policy = json_access::text(options, "propagationPolicy");
    if (request.hasParam("propagationPolicy")) policy = request.param("propagationPolicy");
    if (policy.empty() || policy == "Orphan" || policy == "Background" || policy == "Foreground") return policy;
    // k8s.io/apimachinery pkg/api/validation ValidateDeleteOptions: field.NotSupported on propagationPolicy.
    throw ApiError::invalid("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"" +
                            policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
}

void DeletePropagation::orphanDependents(ObjectStore& store, const ResourceType& ownerType, const Json& owner) {
    const char* dependentKind = nullptr;
    if (ownerType.kind == "Deployment") dependentKind = "ReplicaSet";
    if (ownerType.kind == "ReplicaSet") dependentKind = "Pod";
    if (dependentKind == nullptr) return;
    const ResourceType& dependents = ResourceRegistry::byKind(dependentKind);
    const auto& meta = owner["metadata"];
    const std::string uid = json_access::text(meta, "uid");
    for (const auto& object : store.list(dependents, json_access::text(meta, "namespace"))) {
        const Json& refs = json_access::array((*object)["metadata"], "ownerReferences");
        Json kept = Json::array();
        for (const auto& ref : refs) {
            if (json_access::text(ref, "uid") != uid) kept.push_back(ref);
        }
        if (kept.size() == refs.size()) continue;
        Json updated = *object;
        // The garbage collector patches the references away; an empty list is dropped (omitempty).
        if (kept.empty()) {
            updated["metadata"].erase("ownerReferences");
        } else {
            updated["metadata"]["ownerReferences"] = std::move(kept);
        }
        store.update(dependents, std::move(updated));
    }
}

}  // namespace meshlings::sim
