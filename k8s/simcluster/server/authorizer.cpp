#include "simcluster/server/authorizer.hpp"

#include <algorithm>

namespace meshlings::sim {

namespace {

bool matches(const std::vector<std::string>& allowed, const std::string& value) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) { return a == "*" || a == value; });
}

bool pathMatches(const std::vector<std::string>& allowed, const std::string& path) {
    return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
        if (a == "*" || a == path) return true;
        return !a.empty() && a.back() == '*' && path.rfind(a.substr(0, a.size() - 1), 0) == 0;
    });
}

}  // namespace

Authorizer::Authorizer() {
    const std::vector<std::string> any{"*"};
    const std::vector<std::string> read{"get", "list", "watch"};
    m_roles = {
        {"cluster-admin", {{any, any, any, {}}, {any, {}, {}, any}}},
        {"view", {{read, any, any, {}}}},
        {"system:basic-user",
         {{{"create"}, {"authorization.k8s.io"}, {"selfsubjectaccessreviews", "selfsubjectrulesreviews"}, {}},
          {{"create"}, {"authentication.k8s.io"}, {"selfsubjectreviews"}, {}}}},
        {"system:discovery",
         {{{"get"},
           {},
           {},
           {"/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/readyz", "/version", "/version/", "/openapi",
            "/openapi/*"}}}},
        {"system:public-info-viewer", {{{"get"}, {}, {}, {"/healthz", "/livez", "/readyz", "/version", "/version/"}}}},
    };
    m_bindings = {
        {UserInfo::kAdmin, "cluster-admin", false, UserInfo::kAdmin},
        {"cluster-admin", "cluster-admin", true, UserInfo::kAdminGroup},
        {UserInfo::kViewer, "view", false, UserInfo::kViewer},
        {"system:basic-user", "system:basic-user", true, UserInfo::kAuthenticated},
        {"system:discovery", "system:discovery", true, UserInfo::kAuthenticated},
        {"system:public-info-viewer", "system:public-info-viewer", true, UserInfo::kAuthenticated},
        {"system:public-info-viewer", "system:public-info-viewer", true, UserInfo::kUnauthenticated},
    };
}

const Authorizer::Role* Authorizer::role(const std::string& name) const {
    const auto it = std::find_if(m_roles.begin(), m_roles.end(), [&](const Role& r) { return r.name == name; });
    return it == m_roles.end() ? nullptr : &*it;
}

bool Authorizer::grants(const Rule& rule, const AccessAttributes& request) {
    if (!matches(rule.verbs, request.verb)) return false;
    if (!request.resourceRequest) return pathMatches(rule.paths, request.path);
    return matches(rule.groups, request.group) && matches(rule.resources, request.resourceWithSubresource());
}

Decision Authorizer::authorize(const UserInfo& user, const AccessAttributes& request) const {
    for (const auto& binding : m_bindings) {
        const bool bound = binding.group ? user.inGroup(binding.subject) : user.name == binding.subject;
        const Role* boundRole = bound ? role(binding.role) : nullptr;
        if (boundRole == nullptr) continue;
        for (const auto& rule : boundRole->rules) {
            if (!grants(rule, request)) continue;
            return {true, "RBAC: allowed by ClusterRoleBinding \"" + binding.name + "\" of ClusterRole \"" +
                              binding.role + "\" to " + (binding.group ? "Group" : "User") + " \"" + binding.subject +
                              "\""};
        }
    }
    return {false, ""};
}

nlohmann::json Authorizer::rules(const UserInfo& user) const {
    nlohmann::json out{{"resourceRules", nlohmann::json::array()}, {"nonResourceRules", nlohmann::json::array()}};
    for (const auto& binding : m_bindings) {
        const bool bound = binding.group ? user.inGroup(binding.subject) : user.name == binding.subject;
        const Role* boundRole = bound ? role(binding.role) : nullptr;
        if (boundRole == nullptr) continue;
        for (const auto& rule : boundRole->rules) {
            nlohmann::json entry{{"verbs", rule.verbs}};
            if (rule.paths.empty()) {
                entry["apiGroups"] = rule.groups.empty() ? std::vector<std::string>{""} : rule.groups;
                entry["resources"] = rule.resources;
            } else {
                entry["nonResourceURLs"] = rule.paths;
            }
            auto& list = out[rule.paths.empty() ? "resourceRules" : "nonResourceRules"];
            if (std::find(list.begin(), list.end(), entry) == list.end()) list.push_back(std::move(entry));
        }
    }
    return out;
}

ApiError Authorizer::forbidden(const UserInfo& user, const AccessAttributes& request) {
    const std::string who = "User \"" + user.name + "\" cannot " + request.verb;
    if (!request.resourceRequest) {
        return {403, "Forbidden", "forbidden: " + who + " path \"" + request.path + "\"", nlohmann::json::object()};
    }
    std::string reason =
        who + " resource \"" + request.resourceWithSubresource() + "\" in API group \"" + request.group + "\"";
    reason += request.ns.empty() ? " at the cluster scope" : " in the namespace \"" + request.ns + "\"";
    const std::string resource = request.group.empty() ? request.resource : request.resource + "." + request.group;
    const std::string subject = request.name.empty() ? resource : resource + " \"" + request.name + "\"";
    nlohmann::json details = nlohmann::json::object();
    if (!request.name.empty()) details["name"] = request.name;
    if (!request.group.empty()) details["group"] = request.group;
    if (!request.resource.empty()) details["kind"] = request.resource;
    return {403, "Forbidden", subject + " is forbidden: " + reason, details};
}

}  // namespace meshlings::sim
