#pragma once
// A Kubernetes API request path and query, parsed: which resource, version,
// namespace, name and subresource, and the options that shape the answer.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim::http {
struct Request;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

struct ApiRequest {
    const ResourceType* type = nullptr;
    std::string version;
    std::string ns;    // empty: cluster-scoped, or all namespaces
    std::string name;  // empty: the collection
    std::string subresource;
    bool dryRun = false;
    bool table = false;  // Accept asks for a meta.k8s.io Table
    std::string includeObject = "Metadata";
    std::string fieldValidation;  // "Strict", "Warn" or "Ignore"; "" is Warn
    // Warnings the answer carries (`Warning: 299 - "..."` headers); filled while the request is served.
    mutable std::vector<std::string> warnings;

    // Parses path and query; nullopt when the path names no resource.
    // Throws ApiError for malformed options, and for a pod's exec, attach or portforward (unsupported).
    static std::optional<ApiRequest> parse(const http::Request& request);

    // `object` with the apiVersion the client asked for (stored objects carry the preferred one).
    nlohmann::json present(nlohmann::json object) const {
        if (type->servesVersion(version)) object["apiVersion"] = type->apiVersionFor(version);
        return object;
    }

    // "true"/"1"/"t"... as Go's strconv.ParseBool; throws ApiError 400 otherwise.
    static bool parseBool(const std::string& text, const std::string& parameter);
    // The non-empty parts of a URL path between slashes.
    static std::vector<std::string> pathSegments(const std::string& path);
};

}  // namespace meshlings::sim
