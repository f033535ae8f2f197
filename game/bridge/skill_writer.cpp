#include "bridge/skill_writer.hpp"

#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::bridge {

namespace ja = json_access;
using Json = nlohmann::json;
using world::ClusterRequestKind;

namespace {

bool onVirtualService(ClusterRequestKind kind) {
    return kind == ClusterRequestKind::SetRetries || kind == ClusterRequestKind::SetTimeout;
}

// The field of an http route (VirtualService) or of trafficPolicy (DestinationRule) the skill writes.
const char* skillField(ClusterRequestKind kind) {
    switch (kind) {
        case ClusterRequestKind::SetRetries:
            return "retries";
        case ClusterRequestKind::SetTimeout:
            return "timeout";
        case ClusterRequestKind::SetConnectionPool:
            return "connectionPool";
        case ClusterRequestKind::SetOutlierDetection:
            return "outlierDetection";
        default:
            throw std::invalid_argument("not a skill: " + std::string(world::clusterRequestKindName(kind)));
    }
}

// The versions Bookinfo deploys of a service: the DestinationRule's subsets.
Json skillSubsets(const std::string& service) {
    Json subsets = Json::array();
    const int versions = service == "reviews" ? 3 : 1;
    for (int v = 1; v <= versions; ++v) {
        const std::string name = "v" + std::to_string(v);
        subsets.push_back({{"name", name}, {"labels", {{"version", name}}}});
    }
    return subsets;
}

Json testVersion(const Json& live) {
    return {{"op", "test"},
            {"path", "/metadata/resourceVersion"},
            {"value", ja::text(ja::object(live, "metadata"), "resourceVersion")}};
}

}  // namespace

SkillWriter::SkillWriter(k8s::IstioRouting& routing, std::string nameSpace)
    : m_routing(routing), m_nameSpace(std::move(nameSpace)) {}

std::string SkillWriter::kindOf(ClusterRequestKind kind) {
    return onVirtualService(kind) ? "VirtualService" : "DestinationRule";
}

std::string SkillWriter::duration(int milliseconds) {
    if (milliseconds % 1000 == 0) return std::to_string(milliseconds / 1000) + "s";
    return std::to_string(milliseconds) + "ms";
}

Json SkillWriter::value(const world::ClusterRequest& r) {
    switch (r.kind) {
        case ClusterRequestKind::SetRetries: {
            Json retries = {{"attempts", r.retry.attempts}, {"retryOn", r.retry.retryOn}};
            if (r.retry.perTryTimeoutMs > 0) retries["perTryTimeout"] = duration(r.retry.perTryTimeoutMs);
            return retries;
        }
        case ClusterRequestKind::SetTimeout:
            return duration(r.timeout.timeoutMs);
        case ClusterRequestKind::SetConnectionPool:
            return {{"tcp", {{"maxConnections", r.breaker.maxConnections}}},
                    {"http", {{"http1MaxPendingRequests", r.breaker.maxPendingRequests}}}};
        case ClusterRequestKind::SetOutlierDetection:
            return {{"consecutive5xxErrors", r.eject.consecutiveErrors},
                    {"interval", "5s"},
                    {"baseEjectionTime", duration(r.eject.ejectionSeconds * 1000)},
                    {"maxEjectionPercent", 50}};
        default:
            throw std::invalid_argument(std::string("not a skill: ") +
                                        std::string(world::clusterRequestKindName(r.kind)));
    }
}

Json SkillWriter::created(const world::ClusterRequest& r) const {
    const Json metadata = {
        {"name", r.service}, {"namespace", m_nameSpace}, {"labels", {{"app.kubernetes.io/managed-by", "meshlings"}}}};
    const char* field = skillField(r.kind);
    if (onVirtualService(r.kind)) {
        Json route = {{"route", Json::array({{{"destination", {{"host", fqdn(r.service)}}}}})}};
        route[field] = value(r);
        return {{"metadata", metadata},
                {"spec", {{"hosts", Json::array({r.service})}, {"http", Json::array({route})}}}};
    }
    Json policy = Json::object();
    policy[field] = value(r);
    return {{"metadata", metadata},
            {"spec", {{"host", fqdn(r.service)}, {"subsets", skillSubsets(r.service)}, {"trafficPolicy", policy}}}};
}

Json SkillWriter::apply(const world::ClusterRequest& request, bool dryRun) {
    const bool vs = onVirtualService(request.kind);
    Json live;
    try {
        live = vs ? m_routing.getVirtualService(request.service) : m_routing.getDestinationRule(request.service);
    } catch (const k8s::StatusError& e) {
        if (!e.notFound()) throw;
        return vs ? m_routing.createVirtualService(created(request), dryRun)
                  : m_routing.createDestinationRule(created(request), dryRun);
    }
    return vs ? patchVirtualService(request, live, dryRun) : patchDestinationRule(request, live, dryRun);
}

Json SkillWriter::patchVirtualService(const world::ClusterRequest& request, const Json& live, bool dryRun) {
    const std::string field = skillField(request.kind);
    const Json& rules = ja::array(ja::object(live, "spec"), "http");
    Json patch = Json::array({testVersion(live)});
    if (rules.empty()) {  // no http route yet (tcp or tls only): one to the whole service
        Json route = {{"route", Json::array({{{"destination", {{"host", fqdn(request.service)}}}}})}};
        route[field] = value(request);
        const bool hasHttp = ja::field(ja::object(live, "spec"), "http").is_array();
        patch.push_back(hasHttp ? Json{{"op", "add"}, {"path", "/spec/http/-"}, {"value", route}}
                                : Json{{"op", "add"}, {"path", "/spec/http"}, {"value", Json::array({route})}});
    }
    for (std::size_t i = 0; i < rules.size(); ++i) {
        patch.push_back(
            {{"op", "add"}, {"path", "/spec/http/" + std::to_string(i) + "/" + field}, {"value", value(request)}});
    }
    return m_routing.patchVirtualService(request.service, patch, k8s::PatchType::JsonPatch, dryRun);
}

Json SkillWriter::patchDestinationRule(const world::ClusterRequest& request, const Json& live, bool dryRun) {
    const std::string field = skillField(request.kind);
    Json patch = Json::array({testVersion(live)});
    if (ja::field(ja::object(live, "spec"), "trafficPolicy").is_object()) {
        patch.push_back({{"op", "add"}, {"path", "/spec/trafficPolicy/" + field}, {"value", value(request)}});
    } else {
        Json policy = Json::object();
        policy[field] = value(request);
        patch.push_back({{"op", "add"}, {"path", "/spec/trafficPolicy"}, {"value", policy}});
    }
    return m_routing.patchDestinationRule(request.service, patch, k8s::PatchType::JsonPatch, dryRun);
}

bool SkillWriter::holds(const Json& live, const world::ClusterRequest& request) {
    if (!live.is_object()) return false;
    const std::string field = skillField(request.kind);
    const Json& spec = ja::object(live, "spec");
    if (!onVirtualService(request.kind))
        return ja::field(ja::object(spec, "trafficPolicy"), field.c_str()) == value(request);
    const Json& rules = ja::array(spec, "http");
    if (rules.empty()) return false;
    for (const auto& rule : rules) {
        if (ja::field(rule, field.c_str()) != value(request)) return false;
    }
    return true;
}

}  // namespace meshlings::bridge
