#pragma once
// Every permission the game needs on a cluster, in one table: what
// `meshlings doctor` asks the server about (one SelfSubjectAccessReview per
// verb) and what deploy/rbac.yaml grants (a unit test checks they agree).
// All of it is namespaced; nothing cluster-wide, no secrets.
#include <string>
#include <vector>

#include "client/access_review.hpp"

namespace meshlings::k8s {

struct AccessRule {
    std::string group;     // "" for core
    std::string resource;  // plural, with "/subresource" when there is one
    std::vector<std::string> verbs;
    std::string usedBy;  // which part of the game makes these calls
};

// The rules, one per resource, in the order deploy/rbac.yaml lists them.
const std::vector<AccessRule>& gameAccessRules();

// The rules expanded: one question per verb and resource.
const std::vector<AccessQuestion>& gameAccessNeeds();

// "pods", "deployments.apps/scale", "virtualservices.networking.istio.io":
// the name kubectl uses for a resource of a group.
std::string qualifiedResource(const AccessQuestion& question);

}  // namespace meshlings::k8s
