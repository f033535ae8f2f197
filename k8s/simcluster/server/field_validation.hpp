#pragma once
// Server-side field validation (the `fieldValidation` query parameter, as
// kube-apiserver does it since 1.27): fields a kind's schema does not know,
// and fields a JSON body repeats, are an error (Strict: 400 with the
// apiserver's message), a `Warning` header kubectl prints (Warn, the
// default) or nothing (Ignore). Unknown fields never reach the store: they are
// dropped as the typed decoding and the CRD pruning of a real server drop them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

struct ApiRequest;

class FieldValidation {
public:
    enum class Mode { Ignore, Warn, Strict };

    // "" is Warn, the apiserver's default; throws ApiError 400 for anything else unknown.
    static Mode parse(const std::string& text);

    // Drops the fields of `object` the schema of `type` does not know and
    // returns their paths ("spec.foo", "spec.template.spec.containers[0].bar").
    static std::vector<std::string> prune(const ResourceType& type, nlohmann::json& object);
    // Paths of keys a JSON text repeats within one object ("spec.replicas").
    static std::vector<std::string> duplicates(const std::string& body);

    // Checks a create or update body (`object` as decoded from `body`), pruning it:
    // throws the Strict error, or adds Warn's warnings to `api`.
    static void checkWrite(const ApiRequest& api, const std::string& body, nlohmann::json& object);
    // Same for the result of a patch (the apiserver's message for a patch
    // differs: it quotes the strategic patch as Go prints a map, any other
    // patch's result as JSON).
    // The `Warning` header value for `warnings` (code 299, comma-separated).
    static std::string warningHeader(const std::vector<std::string>& warnings);
    static void checkPatch(const ApiRequest& api, const std::string& body, nlohmann::json& patched, bool strategic);
};

}  // namespace meshlings::sim
