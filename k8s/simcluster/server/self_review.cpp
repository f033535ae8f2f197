#include "simcluster/server/self_review.hpp"

namespace meshlings::sim {

using Json = nlohmann::json;

Json SelfReview::whoami(const UserInfo& user) {
    // pkg/registry/authentication/selfsubjectreview/rest.go: the request's user.Info, nothing else.
    Json info{{"username", user.name}};
    if (!user.groups.empty()) info["groups"] = user.groups;
    return {{"kind", "SelfSubjectReview"},
            {"apiVersion", "authentication.k8s.io/v1"},
            {"metadata", {{"creationTimestamp", nullptr}}},
            {"status", {{"userInfo", std::move(info)}}}};
}

Json SelfReview::rules(const Authorizer& authorizer, const UserInfo& user, const std::string& ns) {
    // pkg/registry/authorization/selfsubjectrulesreview/rest.go: RBAC's RulesFor in spec.namespace; the
    // built-in cluster binds cluster roles only, so every namespace answers the same.
    Json status = authorizer.rules(user);
    status["incomplete"] = false;
    return {{"kind", "SelfSubjectRulesReview"},
            {"apiVersion", "authorization.k8s.io/v1"},
            {"metadata", {{"creationTimestamp", nullptr}}},
            {"spec", {{"namespace", ns}}},
            {"status", std::move(status)}};
}

}  // namespace meshlings::sim
