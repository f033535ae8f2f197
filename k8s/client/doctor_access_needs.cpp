#include "client/doctor_access_needs.hpp"

namespace meshlings::k8s {

const std::vector<AccessRule>& gameAccessRules() {
    static const std::vector<AccessRule> rules{
        {"", "pods", {"list", "watch", "delete"}, "the pod informer; the player's and levels' pod kills"},
        {"apps",
         "deployments",
         {"list", "watch", "patch"},
         "the deployment informer and the doctor's Bookinfo step; levels' annotations"},
        {"apps", "deployments/scale", {"patch"}, "levels' and the player's scaling"},
        {"networking.istio.io",
         "virtualservices",
         {"get", "list", "watch", "create", "patch", "delete"},
         "the routing informer; weight shifts; saving and restoring the routing"},
        {"networking.istio.io",
         "destinationrules",
         {"get", "create", "patch", "delete"},
         "the reviews subsets; saving and restoring the routing"},
    };
    return rules;
}

const std::vector<AccessQuestion>& gameAccessNeeds() {
    static const std::vector<AccessQuestion> needs = [] {
        std::vector<AccessQuestion> list;
        for (const auto& rule : gameAccessRules()) {
            const auto slash = rule.resource.find('/');
            const std::string resource = rule.resource.substr(0, slash);
            const std::string subresource = slash == std::string::npos ? "" : rule.resource.substr(slash + 1);
            for (const auto& verb : rule.verbs) list.push_back({verb, rule.group, resource, subresource});
        }
        return list;
    }();
    return needs;
}

std::string qualifiedResource(const AccessQuestion& question) {
    std::string name = question.resource;
    if (!question.group.empty()) name += "." + question.group;
    if (!question.subresource.empty()) name += "/" + question.subresource;
    return name;
}

}  // namespace meshlings::k8s
