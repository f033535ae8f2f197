#pragma once
// The Istio routing of the built-in cluster as typed data, rebuilt from the
// VirtualServices and DestinationRules of the Bookinfo namespace whenever one
// changes: per-host HTTP rules (matches, weighted destinations, faults,
// timeouts, retries) and DestinationRule subsets, outlier detection,
// connection pools and load balancers.
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "simcluster/connection_pool_policy.hpp"
#include "simcluster/load_balancer_policy.hpp"
#include "simcluster/object_store.hpp"
#include "simcluster/outlier_policy.hpp"
#include "simcluster/retry_policy.hpp"
#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

struct RequestAttributes {
    std::string path = "/productpage";
    std::string endUser;  // the `end-user` header productpage forwards
};

struct StringMatch {
    enum class Kind { Exact, Prefix, Regex } kind = Kind::Exact;
    std::string value;
    std::shared_ptr<const std::regex> compiled;  // Regex only; null when refused

    bool matches(const std::string& text) const;
    // Why a regex is refused, or empty when it is fine. std::regex backtracks,
    // so repeated groups and long patterns, which can take exponential time,
    // are refused (Istio runs RE2 with a program-size limit).
    static std::string regexProblem(const std::string& pattern);
};

struct HttpMatch {
    std::optional<StringMatch> uri;
    std::vector<std::pair<std::string, StringMatch>> headers;
    bool matches(const RequestAttributes& request) const;
};

struct RouteDestination {
    std::string service;  // short name, resolved from the host
    std::string subset;   // empty: every endpoint of the service
    int weight = 0;
};

struct HttpRoute {
    std::vector<HttpMatch> matches;  // empty: matches everything
    std::vector<RouteDestination> destinations;
    double delayPercent = 0;
    Millis delay = 0;
    double abortPercent = 0;
    int abortStatus = 0;
    Millis timeout = 0;  // 0: none (Istio's default)
    RetryPolicy retries = RetryPolicy::istioDefault();
    std::optional<RouteDestination> mirror;  // a copy of each request goes there, its answer ignored
    double mirrorPercent = 100;              // mirrorPercentage (100 when only `mirror` is set)
};

class MeshConfig {
public:
    // `ns` is the namespace whose short host names resolve to its services.
    void rebuild(const ObjectStore& store, const std::string& ns);

    // The first matching rule of the oldest VirtualService for `service`
    // (sidecar traffic). `hostHasRules` tells "no VirtualService" (default
    // routing) from "rules exist but none matches" (404 NR).
    struct Lookup {
        bool hostHasRules = false;
        const HttpRoute* rule = nullptr;
    };
    Lookup route(const std::string& service, const RequestAttributes& request) const;
    const HttpRoute* gatewayRoute(const std::string& gateway, const RequestAttributes& request) const;
    // Label `version` value selected by a subset; nullopt when no rule defines it.
    std::optional<std::string> subsetVersion(const std::string& service, const std::string& subset) const;
    // The DestinationRule policies of traffic to `service` (`subset` empty:
    // the whole service); null where its rule sets none.
    struct ClusterPolicies {
        const OutlierPolicy* outliers = nullptr;
        const ConnectionPoolPolicy* pool = nullptr;
        const LoadBalancerPolicy* balancing = nullptr;  // null: Istio's default, LEAST_REQUEST
    };
    ClusterPolicies policies(const char* service, const std::string& subset) const;

    // Parses "7s", "0.5s", "100ms", "1m", "1h"; -1 on bad text.
    static Millis parseDuration(const std::string& text);

private:
    struct Rules {
        std::vector<std::string> hosts;
        std::vector<std::string> gateways;
        std::vector<HttpRoute> http;
    };
    static const HttpRoute* firstMatch(const Rules& rules, const RequestAttributes& request);
    std::string shortHost(const std::string& host) const;
    Rules parseVirtualService(const nlohmann::json& spec) const;
    void addOutliers(const std::string& service, const nlohmann::json& spec);
    void addConnectionPools(const std::string& service, const nlohmann::json& spec);
    void addLoadBalancers(const std::string& service, const nlohmann::json& spec);

    std::string m_namespace;
    std::vector<Rules> m_virtualServices;                                 // oldest first
    std::map<std::string, std::map<std::string, std::string>> m_subsets;  // service -> subset -> version
    // service -> subset ("" for the service's own policy) -> outlier detection
    std::map<std::string, std::map<std::string, OutlierPolicy>> m_outliers;
    std::map<std::string, std::map<std::string, ConnectionPoolPolicy>> m_pools;    // the same for connectionPool
    std::map<std::string, std::map<std::string, LoadBalancerPolicy>> m_balancers;  // and for loadBalancer
};

}  // namespace meshlings::sim
