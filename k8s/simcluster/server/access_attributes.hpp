#pragma once
// What a request asks to do, in the terms authorization speaks: a verb on a
// resource (group, resource, subresource, namespace, name) or on a
// non-resource path. Read from the URL the way the real server's
// RequestInfoFactory reads it, before anything else looks at the request,
// and built from a SelfSubjectAccessReview's spec for access checks.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

struct AccessAttributes {
    bool resourceRequest = false;
    std::string verb;  // get, list, watch, create, update, patch, delete, deletecollection; or get/post/... for paths
    std::string group;
    std::string resource;
    std::string subresource;
    std::string ns;
    std::string name;
    std::string path;  // non-resource requests

    // `watchParam` and `fieldSelector` are the raw query values (empty if absent).
    static AccessAttributes fromHttp(const std::string& method, const std::string& path, const std::string& watchParam,
                                     const std::string& fieldSelector);
    // spec.resourceAttributes or spec.nonResourceAttributes of an access review.
    static AccessAttributes fromReviewSpec(const nlohmann::json& spec);

    // "pods", "deployments/scale": how authorization messages name the resource.
    std::string resourceWithSubresource() const {
        return subresource.empty() ? resource : resource + "/" + subresource;
    }
};

}  // namespace meshlings::sim
