#include "simcluster/resource_type.hpp"

#include <algorithm>
#include <stdexcept>

namespace meshlings::sim {

namespace {

const std::vector<std::string> kAllVerbs{"create", "delete", "deletecollection", "get",
                                         "list",   "patch",  "update",           "watch"};
const std::vector<std::string> kStatusVerbs{"get", "patch", "update"};
const std::vector<std::string> kIstioVersions{"v1", "v1beta1", "v1alpha3"};

std::vector<ResourceType> makeTable() {
    std::vector<ResourceType> table;
    auto add = [&](ResourceType type) { table.push_back(std::move(type)); };
    // Core first, so "events" resolves to core/v1 as on a real cluster.
    add({"",
         {"v1"},
         "pods",
         "pod",
         "Pod",
         true,
         kAllVerbs,
         {"po"},
         {"all"},
         {{"eviction", "policy", "v1", "Eviction", {"create"}},
          {"log", "", "", "Pod", {"get"}},
          {"status", "", "", "Pod", kStatusVerbs}}});
    add({"",
         {"v1"},
         "services",
         "service",
         "Service",
         true,
         kAllVerbs,
         {"svc"},
         {"all"},
         {{"status", "", "", "Service", kStatusVerbs}}});
    add({"", {"v1"}, "endpoints", "endpoints", "Endpoints", true, kAllVerbs, {"ep"}, {}, {}});
    add({"", {"v1"}, "events", "event", "Event", true, kAllVerbs, {"ev"}, {}, {}});
    add({"",
         {"v1"},
         "namespaces",
         "namespace",
         "Namespace",
         false,
         {"create", "delete", "get", "list", "patch", "update", "watch"},
         {"ns"},
         {},
         {{"status", "", "", "Namespace", kStatusVerbs}}});
    add({"",
         {"v1"},
         "nodes",
         "node",
         "Node",
         false,
         kAllVerbs,
         {"no"},
         {},
         {{"status", "", "", "Node", kStatusVerbs}}});
    add({"", {"v1"}, "serviceaccounts", "serviceaccount", "ServiceAccount", true, kAllVerbs, {"sa"}, {}, {}});
    add({"", {"v1"}, "configmaps", "configmap", "ConfigMap", true, kAllVerbs, {"cm"}, {}, {}});
    add({"apps",
         {"v1"},
         "deployments",
         "deployment",
         "Deployment",
         true,
         kAllVerbs,
         {"deploy"},
         {"all"},
         {{"scale", "autoscaling", "v1", "Scale", kStatusVerbs}, {"status", "", "", "Deployment", kStatusVerbs}}});
    add({"apps",
         {"v1"},
         "replicasets",
         "replicaset",
         "ReplicaSet",
         true,
         kAllVerbs,
         {"rs"},
         {"all"},
         {{"scale", "autoscaling", "v1", "Scale", kStatusVerbs}, {"status", "", "", "ReplicaSet", kStatusVerbs}}});
    add({"policy",
         {"v1"},
         "poddisruptionbudgets",
         "poddisruptionbudget",
         "PodDisruptionBudget",
         true,
         kAllVerbs,
         {"pdb"},
         {},
         {{"status", "", "", "PodDisruptionBudget", kStatusVerbs}}});
    add({"discovery.k8s.io", {"v1"}, "endpointslices", "endpointslice", "EndpointSlice", true, kAllVerbs, {}, {}, {}});
    add({"authorization.k8s.io",
         {"v1"},
         "selfsubjectaccessreviews",
         "selfsubjectaccessreview",
         "SelfSubjectAccessReview",
         false,
         {"create"},
         {},
         {},
         {}});
    add({"authorization.k8s.io",
         {"v1"},
         "selfsubjectrulesreviews",
         "selfsubjectrulesreview",
         "SelfSubjectRulesReview",
         false,
         {"create"},
         {},
         {},
         {}});
    add({"authentication.k8s.io",
         {"v1"},
         "selfsubjectreviews",
         "selfsubjectreview",
         "SelfSubjectReview",
         false,
         {"create"},
         {},
         {},
         {}});
    // Stored and listed so that `kubectl apply -f deploy/rbac.yaml` works; not enforced.
    add({"rbac.authorization.k8s.io", {"v1"}, "roles", "role", "Role", true, kAllVerbs, {}, {}, {}});
    add({"rbac.authorization.k8s.io",
         {"v1"},
         "rolebindings",
         "rolebinding",
         "RoleBinding",
         true,
         kAllVerbs,
         {},
         {},
         {}});
    const std::vector<std::string> istioCategories{"istio-io", "networking-istio-io"};
    // metrics-server's API (served by MetricsApi; nothing is stored).
    add({"metrics.k8s.io", {"v1beta1"}, "nodes", "nodemetrics", "NodeMetrics", false, {"get", "list"}, {}, {}, {}});
    add({"metrics.k8s.io", {"v1beta1"}, "pods", "podmetrics", "PodMetrics", true, {"get", "list"}, {}, {}, {}});
    add({"networking.istio.io",
         kIstioVersions,
         "virtualservices",
         "virtualservice",
         "VirtualService",
         true,
         kAllVerbs,
         {"vs"},
         istioCategories,
         {{"status", "", "", "VirtualService", kStatusVerbs}}});
    add({"networking.istio.io",
         kIstioVersions,
         "destinationrules",
         "destinationrule",
         "DestinationRule",
         true,
         kAllVerbs,
         {"dr"},
         istioCategories,
         {{"status", "", "", "DestinationRule", kStatusVerbs}}});
    add({"networking.istio.io",
         kIstioVersions,
         "gateways",
         "gateway",
         "Gateway",
         true,
         kAllVerbs,
         {"gw"},
         istioCategories,
         {{"status", "", "", "Gateway", kStatusVerbs}}});
    return table;
}

}  // namespace

bool ResourceType::servesVersion(const std::string& version) const {
    return std::find(versions.begin(), versions.end(), version) != versions.end();
}

const std::vector<ResourceType>& ResourceRegistry::all() {
    static const std::vector<ResourceType> table = makeTable();
    return table;
}

const ResourceType* ResourceRegistry::find(const std::string& group, const std::string& version,
                                           const std::string& plural) {
    for (const auto& type : all()) {
        if (type.group == group && type.plural == plural && type.servesVersion(version)) return &type;
    }
    return nullptr;
}

const ResourceType& ResourceRegistry::byKind(const std::string& kind) {
    for (const auto& type : all()) {
        if (type.kind == kind) return type;
    }
    throw std::logic_error("unknown kind " + kind);
}

std::vector<std::string> ResourceRegistry::groups() {
    std::vector<std::string> names;
    for (const auto& type : all()) {
        if (!type.group.empty() && std::find(names.begin(), names.end(), type.group) == names.end()) {
            names.push_back(type.group);
        }
    }
    return names;
}

}  // namespace meshlings::sim
