#include "mesh_config.hpp"

#include <algorithm>
#include <regex>

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

std::optional<StringMatch> parseStringMatch(const Json& node) {
    if (!node.is_object()) return std::nullopt;
    if (node.contains("exact")) return StringMatch{StringMatch::Kind::Exact, node["exact"].get<std::string>()};
    if (node.contains("prefix")) return StringMatch{StringMatch::Kind::Prefix, node["prefix"].get<std::string>()};
    if (node.contains("regex")) return StringMatch{StringMatch::Kind::Regex, node["regex"].get<std::string>()};
    return std::nullopt;
}

double percentOf(const Json& fault) {
    if (fault.contains("percentage")) return fault["percentage"].value("value", 0.0);
    if (fault.contains("percent")) return fault["percent"].get<double>();  // deprecated integer field
    return 100.0;
}

}  // namespace

bool StringMatch::matches(const std::string& text) const {
    switch (kind) {
        case Kind::Exact: return text == value;
        case Kind::Prefix: return text.rfind(value, 0) == 0;
        case Kind::Regex:
            try {
                return std::regex_match(text, std::regex(value));
            } catch (const std::regex_error&) {
                return false;
            }
    }
    return false;
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
    if (end == text.c_str() || value < 0) return -1;
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
        if (gateway.is_string()) rules.gateways.push_back(gateway.get<std::string>());
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
            route.destinations.push_back({shortHost(d.value("host", "")), d.value("subset", ""), dest.value("weight", 0)});
        }
        if (http.contains("fault")) {
            const auto& fault = http["fault"];
            if (fault.contains("delay")) {
                route.delayPercent = percentOf(fault["delay"]);
                route.delay = std::max<Millis>(0, parseDuration(fault["delay"].value("fixedDelay", "0s")));
            }
            if (fault.contains("abort")) {
                route.abortPercent = percentOf(fault["abort"]);
                route.abortStatus = fault["abort"].value("httpStatus", 503);
            }
        }
        if (http.contains("timeout")) route.timeout = std::max<Millis>(0, parseDuration(http["timeout"].get<std::string>()));
        if (http.contains("retries")) {
            route.attempts = http["retries"].value("attempts", 0);
            if (http["retries"].contains("perTryTimeout")) {
                route.perTryTimeout = std::max<Millis>(0, parseDuration(http["retries"]["perTryTimeout"].get<std::string>()));
            }
        }
        rules.http.push_back(std::move(route));
    }
    return rules;
}

void MeshConfig::rebuild(const ObjectStore& store, const std::string& ns) {
    m_namespace = ns;
    m_virtualServices.clear();
    m_subsets.clear();
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
        for (const auto& subset : spec.value("subsets", Json::array())) {
            const auto& labels = subset.value("labels", Json::object());
            if (subset.contains("name") && labels.contains("version") && labels["version"].is_string()) {
                subsets[subset["name"].get<std::string>()] = labels["version"].get<std::string>();
            }
        }
    }
}

MeshConfig::Lookup MeshConfig::route(const std::string& service, const RequestAttributes& request) const {
    for (const auto& vs : m_virtualServices) {
        const bool mesh = vs.gateways.empty() ||
                          std::find(vs.gateways.begin(), vs.gateways.end(), "mesh") != vs.gateways.end();
        if (!mesh || std::find(vs.hosts.begin(), vs.hosts.end(), service) == vs.hosts.end()) continue;
        for (const auto& rule : vs.http) {
            if (rule.matches.empty()) return {true, &rule};
            for (const auto& match : rule.matches) {
                if (match.matches(request)) return {true, &rule};
            }
        }
        return {true, nullptr};
    }
    return {};
}

const HttpRoute* MeshConfig::gatewayRoute(const std::string& gateway, const RequestAttributes& request) const {
    for (const auto& vs : m_virtualServices) {
        if (std::find(vs.gateways.begin(), vs.gateways.end(), gateway) == vs.gateways.end()) continue;
        for (const auto& rule : vs.http) {
            if (rule.matches.empty()) return &rule;
            for (const auto& match : rule.matches) {
                if (match.matches(request)) return &rule;
            }
        }
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

}  // namespace meshlings::sim
