#include "simcluster/mesh_config.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>

#include "simcluster/json_access.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

std::optional<StringMatch> parseStringMatch(const Json& node) {
    if (!node.is_object()) return std::nullopt;
    if (node.contains("exact")) return StringMatch{StringMatch::Kind::Exact, json_access::text(node, "exact"), nullptr};
    if (node.contains("prefix"))
        return StringMatch{StringMatch::Kind::Prefix, json_access::text(node, "prefix"), nullptr};
    if (node.contains("regex")) {
        StringMatch match{StringMatch::Kind::Regex, json_access::text(node, "regex"), nullptr};
        if (StringMatch::regexProblem(match.value).empty())
            match.compiled = std::make_shared<const std::regex>(match.value);
        return match;
    }
    return std::nullopt;
}

double percentOf(const Json& fault) {
    double percent = 100.0;
    const Json& value = json_access::field(json_access::object(fault, "percentage"), "value");
    const Json& legacy = json_access::field(fault, "percent");  // deprecated integer field
    if (value.is_number())
        percent = value.get<double>();
    else if (legacy.is_number())
        percent = legacy.get<double>();
    return std::isfinite(percent) ? std::clamp(percent, 0.0, 100.0) : 0.0;
}

// A traffic policy's `key` section (outlierDetection, connectionPool), the
// one for Bookinfo's port 9080 in portLevelSettings winning over the policy's own.
const Json* policySection(const Json& trafficPolicy, const char* key) {
    const Json* found = nullptr;
    if (trafficPolicy.contains(key) && trafficPolicy[key].is_object()) found = &trafficPolicy[key];
    for (const auto& port : trafficPolicy.value("portLevelSettings", Json::array())) {
        if (!port.is_object() || !port.contains(key) || !port[key].is_object()) continue;
        if (json_access::integer(json_access::object(port, "port"), "number", 0) == 9080) found = &port[key];
    }
    return found;
}

// Per service and subset ("" for the service's own), the policy a section
// gives: a subset's own section replaces the rule's (Istio merges policies field by field).
template <typename Policy>
void addSections(std::map<std::string, Policy>& out, const Json& spec, const char* key) {
    const Json* top = policySection(json_access::object(spec, "trafficPolicy"), key);
    if (top != nullptr) out[""] = Policy::fromJson(*top);
    for (const auto& subset : spec.value("subsets", Json::array())) {
        if (!subset.is_object() || !subset.contains("name") || !subset["name"].is_string()) continue;
        const Json* own = policySection(json_access::object(subset, "trafficPolicy"), key);
        if (own != nullptr || top != nullptr)
            out[subset["name"].get<std::string>()] = Policy::fromJson(own ? *own : *top);
    }
}

template <typename Policy>
const Policy* sectionFor(const std::map<std::string, std::map<std::string, Policy>>& all, const std::string& service,
                         const std::string& subset) {
    if (all.empty()) return nullptr;
    const auto rules = all.find(service);
    if (rules == all.end()) return nullptr;
    const auto it = rules->second.find(subset);
    return it == rules->second.end() ? nullptr : &it->second;
}

Millis durationOf(const Json& node, const char* key) {
    return std::max<Millis>(0, MeshConfig::parseDuration(json_access::text(node, key, "0s")));
}

}  // namespace

bool StringMatch::matches(const std::string& text) const {
    switch (kind) {
        case Kind::Exact:
            return text == value;
        case Kind::Prefix:
            return text.rfind(value, 0) == 0;
        case Kind::Regex:
            return compiled != nullptr && text.size() <= 2048 && std::regex_match(text, *compiled);
    }
    return false;
}

std::string StringMatch::regexProblem(const std::string& pattern) {
    if (pattern.size() > 256) return "longer than 256 characters";
    for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i] == ')' && (pattern[i + 1] == '*' || pattern[i + 1] == '+' || pattern[i + 1] == '{')) {
            return "repeats a group (catastrophic backtracking)";
        }
    }
    try {
        std::regex check(pattern);
    } catch (const std::regex_error& e) {
        return std::string("does not compile: ") + e.what();
    }
    return "";
}

bool HttpMatch::matches(const RequestAttributes& request) const {
    const std::string path = request.path.substr(0, request.path.find('?'));
    if (uri && !uri->matches(path)) return false;
    for (const auto& [name, match] : headers) {
        if (name != "end-user" || request.endUser.empty() || !match.matches(request.endUser)) return false;
    }
    return true;
}

Millis MeshConfig::parseDuration(const std::string& text) {
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || !std::isfinite(value) || value < 0 || value > 86400) return -1;
    const std::string unit(end);
    if (unit == "ms") return static_cast<Millis>(value);
    if (unit == "s") return static_cast<Millis>(value * 1000);
    if (unit == "m") return static_cast<Millis>(value * 60000);
    if (unit == "h") return static_cast<Millis>(value * 3600000);
    return -1;
}

std::string MeshConfig::shortHost(const std::string& host) const {
    const auto dot = host.find('.');
    if (dot == std::string::npos) return host;
    const std::string rest = host.substr(dot + 1);
    if (rest == m_namespace || rest.rfind(m_namespace + ".svc", 0) == 0) return host.substr(0, dot);
    return host;  // another namespace or an external host: no local service
}

MeshConfig::Rules MeshConfig::parseVirtualService(const Json& spec) const {
    Rules rules;
    for (const auto& host : spec.value("hosts", Json::array())) {
        if (host.is_string()) rules.hosts.push_back(shortHost(host.get<std::string>()));
    }
    for (const auto& gateway : spec.value("gateways", Json::array())) {
        if (!gateway.is_string()) continue;
        std::string name = gateway.get<std::string>();
        if (name.rfind(m_namespace + "/", 0) == 0)
            name = name.substr(m_namespace.size() + 1);  // "default/bookinfo-gateway"
        rules.gateways.push_back(std::move(name));
    }
    for (const auto& http : spec.value("http", Json::array())) {
        HttpRoute route;
        for (const auto& match : http.value("match", Json::array())) {
            HttpMatch m;
            if (match.contains("uri")) m.uri = parseStringMatch(match["uri"]);
            const Json headers = match.value("headers", Json::object());
            for (const auto& [name, value] : headers.items()) {
                if (auto sm = parseStringMatch(value)) m.headers.emplace_back(name, *sm);
            }
            route.matches.push_back(std::move(m));
        }
        for (const auto& dest : http.value("route", Json::array())) {
            const auto& d = dest.value("destination", Json::object());
            // Relative weights (Istio >= 1.15): a destination gets weight / sum of the route's weights.
            const auto weight = static_cast<int>(std::clamp<std::int64_t>(json_access::integer(dest, "weight", 0), 0,
                                                                          std::numeric_limits<int>::max() / 64));
            route.destinations.push_back(
                {shortHost(json_access::text(d, "host")), json_access::text(d, "subset"), weight});
        }
        if (http.contains("fault")) {
            const auto& fault = http["fault"];
            if (fault.contains("delay")) {
                route.delayPercent = percentOf(json_access::object(fault, "delay"));
                route.delay = durationOf(json_access::object(fault, "delay"), "fixedDelay");
            }
            if (fault.contains("abort")) {
                route.abortPercent = percentOf(json_access::object(fault, "abort"));
                const std::int64_t status =
                    json_access::integer(json_access::object(fault, "abort"), "httpStatus", 503);
                route.abortStatus = status >= 200 && status <= 599 ? static_cast<int>(status) : 503;
            }
        }
        if (http.contains("mirror") && http["mirror"].is_object()) {
            const auto& m = http["mirror"];
            route.mirror =
                RouteDestination{shortHost(json_access::text(m, "host")), json_access::text(m, "subset"), 100};
            const Json& percentage = json_access::field(json_access::object(http, "mirrorPercentage"), "value");
            const Json& legacy = json_access::field(http, "mirrorPercent");  // deprecated UInt32Value
            if (percentage.is_number())
                route.mirrorPercent = percentage.get<double>();
            else if (legacy.is_number())
                route.mirrorPercent = legacy.get<double>();
            route.mirrorPercent = std::isfinite(route.mirrorPercent) ? std::clamp(route.mirrorPercent, 0.0, 100.0) : 0;
        }
        route.timeout = durationOf(http, "timeout");
        if (http.contains("retries")) route.retries = RetryPolicy::fromJson(json_access::object(http, "retries"));
        rules.http.push_back(std::move(route));
    }
    return rules;
}

void MeshConfig::rebuild(const ObjectStore& store, const std::string& ns) {
    m_namespace = ns;
    m_virtualServices.clear();
    m_subsets.clear();
    m_outliers.clear();
    m_pools.clear();
    m_balancers.clear();
    auto byAge = [](std::vector<ObjectPtr> objects) {
        std::stable_sort(objects.begin(), objects.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
            return (*a)["metadata"]["creationTimestamp"] < (*b)["metadata"]["creationTimestamp"];
        });
        return objects;
    };
    for (const auto& vs : byAge(store.list(ResourceRegistry::byKind("VirtualService"), ns))) {
        try {
            m_virtualServices.push_back(parseVirtualService((*vs).value("spec", Json::object())));
        } catch (const Json::exception&) {
            // A malformed VirtualService is ignored, as istiod rejects it from the push.
        }
    }
    for (const auto& dr : byAge(store.list(ResourceRegistry::byKind("DestinationRule"), ns))) {
        const auto& spec = (*dr).value("spec", Json::object());
        if (!spec.contains("host") || !spec["host"].is_string()) continue;
        const std::string service = shortHost(spec["host"].get<std::string>());
        if (m_subsets.count(service) != 0) continue;  // the oldest rule for a host wins
        auto& subsets = m_subsets[service];
        try {
            addOutliers(service, spec);
        } catch (const Json::exception&) {
            m_outliers.erase(service);  // a malformed policy is ignored, as istiod rejects it
        }
        try {
            addConnectionPools(service, spec);
        } catch (const Json::exception&) {
            m_pools.erase(service);
        }
        try {
            addLoadBalancers(service, spec);
        } catch (const Json::exception&) {
            m_balancers.erase(service);
        }
        for (const auto& subset : spec.value("subsets", Json::array())) {
            const auto& labels = subset.value("labels", Json::object());
            if (subset.contains("name") && labels.contains("version") && labels["version"].is_string()) {
                subsets[subset["name"].get<std::string>()] = labels["version"].get<std::string>();
            }
        }
    }
}

const HttpRoute* MeshConfig::firstMatch(const Rules& rules, const RequestAttributes& request) {
    for (const auto& rule : rules.http) {
        if (rule.matches.empty()) return &rule;
        for (const auto& match : rule.matches) {
            if (match.matches(request)) return &rule;
        }
    }
    return nullptr;
}

MeshConfig::Lookup MeshConfig::route(const std::string& service, const RequestAttributes& request) const {
    for (const auto& vs : m_virtualServices) {
        const bool mesh =
            vs.gateways.empty() || std::find(vs.gateways.begin(), vs.gateways.end(), "mesh") != vs.gateways.end();
        if (mesh && std::find(vs.hosts.begin(), vs.hosts.end(), service) != vs.hosts.end()) {
            return {true, firstMatch(vs, request)};
        }
    }
    return {};
}

const HttpRoute* MeshConfig::gatewayRoute(const std::string& gateway, const RequestAttributes& request) const {
    for (const auto& vs : m_virtualServices) {
        if (std::find(vs.gateways.begin(), vs.gateways.end(), gateway) == vs.gateways.end()) continue;
        if (const HttpRoute* rule = firstMatch(vs, request)) return rule;
    }
    return nullptr;
}

std::optional<std::string> MeshConfig::subsetVersion(const std::string& service, const std::string& subset) const {
    const auto rules = m_subsets.find(service);
    if (rules == m_subsets.end()) return std::nullopt;
    const auto it = rules->second.find(subset);
    if (it == rules->second.end()) return std::nullopt;
    return it->second;
}

void MeshConfig::addOutliers(const std::string& service, const Json& spec) {
    std::map<std::string, OutlierPolicy> policies;
    addSections(policies, spec, "outlierDetection");
    if (!policies.empty()) m_outliers[service] = std::move(policies);
}

void MeshConfig::addConnectionPools(const std::string& service, const Json& spec) {
    std::map<std::string, ConnectionPoolPolicy> policies;
    addSections(policies, spec, "connectionPool");
    if (!policies.empty()) m_pools[service] = std::move(policies);
}

void MeshConfig::addLoadBalancers(const std::string& service, const Json& spec) {
    std::map<std::string, LoadBalancerPolicy> policies;
    addSections(policies, spec, "loadBalancer");
    if (!policies.empty()) m_balancers[service] = std::move(policies);
}

MeshConfig::ClusterPolicies MeshConfig::policies(const char* service, const std::string& subset) const {
    if (m_outliers.empty() && m_pools.empty() && m_balancers.empty()) return {};  // the common case, no string made
    const std::string name(service);
    return {sectionFor(m_outliers, name, subset), sectionFor(m_pools, name, subset),
            sectionFor(m_balancers, name, subset)};
}

}  // namespace meshlings::sim
