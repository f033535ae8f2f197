#pragma once
// Authorization for the built-in API server: a fixed, RBAC-shaped set of
// cluster roles and bindings. The admin is bound to cluster-admin, the
// viewer to view (get, list, watch; nothing that writes); every
// authenticated user may discover the API and review its own access, and
// anyone may read /version and the health checks. Answers both requests
// (403 when denied) and SelfSubjectAccessReviews, with the real reasons.
#include <string>
#include <vector>

#include "simcluster/api_error.hpp"
#include "simcluster/server/access_attributes.hpp"
#include "simcluster/server/user_info.hpp"

namespace meshlings::sim {

struct Decision {
    bool allowed = false;
    std::string reason;  // "RBAC: allowed by ClusterRoleBinding ..." when allowed, empty when denied
};

class Authorizer {
public:
    Authorizer();

    Decision authorize(const UserInfo& user, const AccessAttributes& request) const;

    // What `user` may do, as a SelfSubjectRulesReview's status lists it: {"resourceRules": [{verbs,
    // apiGroups, resources}], "nonResourceRules": [{verbs, nonResourceURLs}]} of every role bound to it.
    nlohmann::json rules(const UserInfo& user) const;

    // The 403 the real server sends when `user` may not do `request`:
    // pods "x" is forbidden: User "u" cannot delete resource "pods" in API group "" in the namespace "default".
    static ApiError forbidden(const UserInfo& user, const AccessAttributes& request);

private:
    struct Rule {
        std::vector<std::string> verbs;      // "*" for all
        std::vector<std::string> groups;     // resource rules
        std::vector<std::string> resources;  // "pods", "deployments/scale", "*"
        std::vector<std::string> paths;      // non-resource rules: "/version", "/apis/*", "*"
    };
    struct Role {
        std::string name;
        std::vector<Rule> rules;
    };
    struct Binding {
        std::string name;
        std::string role;
        bool group = false;  // subject is a group, else a user
        std::string subject;
    };

    static bool grants(const Rule& rule, const AccessAttributes& request);
    const Role* role(const std::string& name) const;

    std::vector<Role> m_roles;
    std::vector<Binding> m_bindings;  // checked in order; the first that allows names the reason
};

}  // namespace meshlings::sim
