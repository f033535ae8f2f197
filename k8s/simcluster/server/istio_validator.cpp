#include "simcluster/server/istio_validator.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "simcluster/api_error.hpp"
#include "simcluster/json_access.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

// The protobuf messages of istio/api networking/v1alpha3 the webhook decodes
// into, by the JSON names of their fields, and which field holds which message.
struct Message {
    std::set<std::string> fields;
    std::map<std::string, std::string> children;  // field -> message (objects and arrays of objects)
    std::set<std::string> durations;              // fields of type google.protobuf.Duration
};

const std::map<std::string, Message>& messages() {
    static const std::map<std::string, Message> kMessages = {
        {"VirtualService", {{"hosts", "gateways", "http", "tls", "tcp", "exportTo"}, {{"http", "HTTPRoute"}}, {}}},
        {"HTTPRoute",
         {{"name", "match", "route", "redirect", "directResponse", "delegate", "rewrite", "timeout", "retries", "fault",
           "mirror", "mirrors", "mirrorPercent", "mirrorPercentage", "mirror_percent", "corsPolicy", "headers"},
          {{"match", "HTTPMatchRequest"},
           {"route", "HTTPRouteDestination"},
           {"retries", "HTTPRetry"},
           {"fault", "HTTPFaultInjection"},
           {"mirror", "Destination"},
           {"mirrorPercentage", "Percent"}},
          {"timeout"}}},
        {"HTTPMatchRequest",
         {{"name", "uri", "scheme", "method", "authority", "headers", "port", "sourceLabels", "gateways", "queryParams",
           "ignoreUriCase", "withoutHeaders", "sourceNamespace", "statPrefix"},
          {{"uri", "StringMatch"}, {"scheme", "StringMatch"}, {"method", "StringMatch"}, {"authority", "StringMatch"}},
          {}}},
        {"StringMatch", {{"exact", "prefix", "regex"}, {}, {}}},
        {"HTTPRouteDestination", {{"destination", "weight", "headers"}, {{"destination", "Destination"}}, {}}},
        {"Destination", {{"host", "subset", "port"}, {{"port", "PortSelector"}}, {}}},
        {"PortSelector", {{"number"}, {}, {}}},
        {"Percent", {{"value"}, {}, {}}},
        {"HTTPRetry",
         {{"attempts", "perTryTimeout", "retryOn", "retryRemoteLocalities", "retryIgnorePreviousHosts", "backoff"},
          {},
          {"perTryTimeout", "backoff"}}},
        {"HTTPFaultInjection",
         {{"delay", "abort"}, {{"delay", "HTTPFaultInjection.Delay"}, {"abort", "HTTPFaultInjection.Abort"}}, {}}},
        {"HTTPFaultInjection.Delay",
         {{"fixedDelay", "exponentialDelay", "percentage", "percent"},
          {{"percentage", "Percent"}},
          {"fixedDelay", "exponentialDelay"}}},
        {"HTTPFaultInjection.Abort",
         {{"httpStatus", "grpcStatus", "http2Error", "percentage"}, {{"percentage", "Percent"}}, {}}},
        {"DestinationRule",
         {{"host", "trafficPolicy", "subsets", "exportTo", "workloadSelector"},
          {{"trafficPolicy", "TrafficPolicy"}, {"subsets", "Subset"}},
          {}}},
        {"Subset", {{"name", "labels", "trafficPolicy"}, {{"trafficPolicy", "TrafficPolicy"}}, {}}},
        {"TrafficPolicy",
         {{"loadBalancer", "connectionPool", "outlierDetection", "tls", "portLevelSettings", "tunnel", "proxyProtocol",
           "retryBudget"},
          {{"loadBalancer", "LoadBalancerSettings"},
           {"connectionPool", "ConnectionPoolSettings"},
           {"outlierDetection", "OutlierDetection"},
           {"portLevelSettings", "TrafficPolicy.PortTrafficPolicy"}},
          {}}},
        {"TrafficPolicy.PortTrafficPolicy",
         {{"port", "loadBalancer", "connectionPool", "outlierDetection", "tls"},
          {{"port", "PortSelector"},
           {"loadBalancer", "LoadBalancerSettings"},
           {"connectionPool", "ConnectionPoolSettings"},
           {"outlierDetection", "OutlierDetection"}},
          {}}},
        {"ConnectionPoolSettings",
         {{"tcp", "http"},
          {{"tcp", "ConnectionPoolSettings.TCPSettings"}, {"http", "ConnectionPoolSettings.HTTPSettings"}},
          {}}},
        {"ConnectionPoolSettings.TCPSettings",
         {{"maxConnections", "connectTimeout", "tcpKeepalive", "maxConnectionDuration", "idleTimeout"},
          {},
          {"connectTimeout", "maxConnectionDuration", "idleTimeout"}}},
        {"ConnectionPoolSettings.HTTPSettings",
         {{"http1MaxPendingRequests", "http2MaxRequests", "maxRequestsPerConnection", "maxRetries", "idleTimeout",
           "h2UpgradePolicy", "useClientProtocol", "maxConcurrentStreams"},
          {},
          {"idleTimeout"}}},
        {"OutlierDetection",
         {{"splitExternalLocalOriginErrors", "consecutiveLocalOriginFailures", "consecutiveGatewayErrors",
           "consecutive5xxErrors", "interval", "baseEjectionTime", "maxEjectionPercent", "minHealthPercent",
           "consecutiveErrors"},
          {},
          {"interval", "baseEjectionTime"}}},
        {"LoadBalancerSettings",
         {{"simple", "consistentHash", "localityLbSetting", "warmupDurationSecs", "warmup"},
          {{"consistentHash", "LoadBalancerSettings.ConsistentHashLB"}},
          {"warmupDurationSecs"}}},
        {"LoadBalancerSettings.ConsistentHashLB",
         {{"httpHeaderName", "httpCookie", "useSourceIp", "httpQueryParameterName", "ringHash", "maglev",
           "minimumRingSize"},
          {},
          {}}},
    };
    return kMessages;
}

// Strict decoding as the webhook's protobuf JSON unmarshal does it: the first
// unknown field or unparsable duration ends it.
std::string decodeProblem(const Json& node, const std::string& messageName) {
    const auto found = messages().find(messageName);
    if (found == messages().end() || !node.is_object()) return "";
    const Message& message = found->second;
    for (const auto& [field, value] : node.items()) {
        if (message.fields.count(field) == 0) return "unknown field \"" + field + "\" in v1alpha3." + messageName;
        if (message.durations.count(field) != 0 && value.is_string() &&
            !IstioValidator::goDuration(value.get<std::string>()))
            return "bad Duration: time: invalid duration \"" + value.get<std::string>() + "\"";
        const auto child = message.children.find(field);
        if (child == message.children.end()) continue;
        if (value.is_array()) {
            for (const auto& item : value) {
                if (auto problem = decodeProblem(item, child->second); !problem.empty()) return problem;
            }
        } else if (auto problem = decodeProblem(value, child->second); !problem.empty()) {
            return problem;
        }
    }
    return "";
}

void checkHost(const Json& destination, std::vector<std::string>& errors) {
    if (!destination.is_object()) return;
    if (destination.contains("host") && destination["host"] == "") errors.emplace_back("empty domain name not allowed");
}

// pkg/config/validation validateRouteDestinations and validateWeight, as in the Istio the cluster seeds
// (1.24): weights are relative and only a negative one is refused. Up to Istio 1.14 they had to sum to
// 100 (loosened by istio/istio PR 39544).
void checkRoutes(const Json& http, std::vector<std::string>& errors) {
    for (const auto& route : http) {
        if (!route.is_object()) continue;
        for (const auto& destination : route.value("route", Json::array())) {
            if (!destination.is_object()) continue;
            checkHost(destination.value("destination", Json::object()), errors);
            const std::int64_t weight = json_access::integer(destination, "weight", 0);
            if (weight < 0) errors.push_back("weight " + std::to_string(weight) + " < 0");
        }
        if (route.contains("mirror")) checkHost(route["mirror"], errors);
    }
}

[[noreturn]] void deny(const std::string& why) {
    throw ApiError(400, "", "admission webhook \"validation.istio.io\" denied the request: " + why);
}

// hashicorp/go-multierror's list format, as Istio joins several errors.
std::string joined(const std::vector<std::string>& errors) {
    if (errors.size() == 1) return errors.front();
    std::string out = std::to_string(errors.size()) + " errors occurred:";
    for (const auto& e : errors) out += "\n\t* " + e;
    return out + "\n\n";
}

}  // namespace

bool IstioValidator::goDuration(const std::string& text) {
    if (text == "0") return true;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (i == text.size()) return false;
    static const std::vector<std::string> kUnits = {"ns", "us", "µs", "μs", "ms", "s", "m", "h"};
    while (i < text.size()) {
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        bool digits = i > start;
        if (i < text.size() && text[i] == '.') {
            ++i;
            const std::size_t fraction = i;
            while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
            digits = digits || i > fraction;
        }
        if (!digits) return false;
        std::size_t best = 0;
        for (const auto& unit : kUnits) {
            if (text.compare(i, unit.size(), unit) == 0 && unit.size() > best) best = unit.size();
        }
        if (best == 0) return false;
        i += best;
    }
    return true;
}

void IstioValidator::validate(const ResourceType& type, const Json& object) {
    if (type.kind != "VirtualService" && type.kind != "DestinationRule") return;
    if (!object.contains("spec") || !object["spec"].is_object()) return;
    const Json& spec = object["spec"];
    if (const auto problem = decodeProblem(spec, type.kind); !problem.empty())
        deny("error decoding configuration: " + problem);
    std::vector<std::string> errors;
    if (type.kind == "VirtualService") {
        checkRoutes(spec.value("http", Json::array()), errors);
    } else if (spec.contains("host") && spec["host"] == "") {
        errors.emplace_back("empty domain name not allowed");
    }
    if (!errors.empty()) deny("configuration is invalid: " + joined(errors));
}

}  // namespace meshlings::sim
