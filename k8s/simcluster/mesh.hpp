#pragma once
// The Istio data plane of the built-in cluster: which pods each sidecar can
// reach (its endpoint view lags the cluster by the push delay), how a
// request is routed (VirtualService rules and weights, DestinationRule
// subsets, faults, timeouts, retries, outlier detection, circuit breakers),
// and what Bookinfo's
// services do with it (productpage calls details once and reviews up to
// twice with 3 s timeouts; reviews v2/v3 call ratings with 10 s / 2.5 s).
// Every hop is counted in IstioMetrics with both reporters.
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "simcluster/access_log.hpp"
#include "simcluster/cluster_context.hpp"
#include "simcluster/connection_pool.hpp"
#include "simcluster/istio_metrics.hpp"
#include "simcluster/load_balancer.hpp"
#include "simcluster/mesh_config.hpp"
#include "simcluster/outlier_detector.hpp"
#include "simcluster/page_outcome.hpp"
#include "simcluster/workload_profile.hpp"

namespace meshlings::sim {

class Mesh {
public:
    enum Service { kIngress, kProductpage, kDetails, kReviews, kRatings, kServiceCount };
    static constexpr Millis kPushDelay = 300;  // istiod debounce plus EDS push (est. 0.1-1 s)

    Mesh(ClusterContext& context, IstioMetrics& metrics, std::string ns = "default");

    void onEvent(const StoreEvent& event);
    // Every endpoint known now is in every sidecar's view (the cluster's
    // starting state, pushed long before the session began).
    void settle();

    // One request through the ingress gateway at the model's current time.
    PageOutcome serve(const RequestAttributes& request, common::Rng& rng);

    const std::string& podName(std::int32_t endpoint) const;

    // What the sidecar of `pod` printed after line `after` (Istio's default
    // access log format), oldest first, each with its seq and time; see AccessLog.
    struct LogLine {
        std::uint64_t seq;
        Millis at;  // model time the line was written (the request's end)
        bool inbound;
        std::string text;  // the sidecar's line
        int code;          // what the request got, for the app's own line
        std::string path;
        std::string peerIp;  // the other side's address
    };
    std::vector<LogLine> accessLines(const std::string& pod, std::uint64_t after) const;
    // Requests per second `pod` answered over the last `window`.
    double inboundRate(const std::string& pod, Millis window) const {
        return m_accessLog.inboundRate(pod, m_context.now, window);
    }

private:
    struct Endpoint {
        std::string pod;
        std::string uid;
        std::string workloadName;
        int version = 0;
        IstioMetrics::WorkloadId workload = IstioMetrics::kUnknown;
        WorkloadProfile profile;
        Millis visibleFrom = 0;
        Millis visibleUntil = kForever;
        bool serving = true;
        std::string ip;
        AccessLog::Slot log = -1;                                       // this pod's sidecar's access log
        std::vector<std::pair<std::uint16_t, LoadBalancer>> balancers;  // this pod's sidecar's, per cluster
    };
    struct Call {
        int code = 200;
        std::uint8_t flags = 0;
        double latencyMs = 0;
        std::int32_t endpoint = -1;
    };
    static constexpr Millis kForever = INT64_MAX;

    Call call(std::int32_t caller, Service to, const HttpRoute* rule, bool hostHasRules, Millis appTimeout,
              const RequestAttributes& request, common::Rng& rng, PageOutcome& page);
    // One call through the caller's sidecar, routed by the mesh rules for `to`.
    Call callService(std::int32_t caller, Service to, Millis appTimeout, const RequestAttributes& request,
                     common::Rng& rng, PageOutcome& page);
    // What the caller's sidecar applies to one routed call.
    struct Upstream {
        const RetryPolicy& retry;
        Millis routeTimeout;               // 0: none
        const OutlierPolicy* outliers;     // null: no outlier detection
        const ConnectionPoolPolicy* pool;  // null: no circuit breakers set (Istio's limits of 2^32-1)
        const LoadBalancerPolicy& balancing;
        std::int32_t caller;  // the calling pod's endpoint (-1: the gateway)
    };
    // The attempts of one call: host picks (ejected hosts left out, tried
    // ones avoided), retries by the route's policy, each attempt counted at
    // the destination.
    Call attempt(Service to, int version, const Upstream& upstream, const RequestAttributes& request, common::Rng& rng,
                 PageOutcome& page, IstioMetrics::WorkloadId source);
    LoadBalancer& balancerFor(std::int32_t caller, std::uint16_t cluster);
    // Envoy's request mirroring: a copy of the request to `to`, fire and forget.
    void mirror(IstioMetrics::WorkloadId source, std::int32_t caller, const RouteDestination& to,
                const RequestAttributes& request, common::Rng& rng);
    Call handle(Service service, std::int32_t endpoint, const RequestAttributes& request, common::Rng& rng,
                PageOutcome& page);
    void servePage(std::int32_t endpoint, const RequestAttributes& request, common::Rng& rng, PageOutcome& page,
                   Call& result);
    // One hop, counted in the metrics of the reporting side and written to
    // its sidecar's access log: the caller's (sourceReporter) or the destination's.
    void record(bool sourceReporter, IstioMetrics::WorkloadId source, std::int32_t caller, std::int32_t endpoint,
                Service to, int code, std::uint8_t flags, double latencyMs, int subset);

    void trackPod(const StoreEvent& event, Service service);
    void refreshProfiles(const nlohmann::json& deployment);
    Service serviceOf(const nlohmann::json& pod) const;
    void rebuildConfigIfNeeded();

    ClusterContext& m_context;
    IstioMetrics& m_metrics;
    std::string m_namespace;
    MeshConfig m_config;
    bool m_configDirty = true;
    std::vector<Endpoint> m_endpoints;  // append-only; ids are indexes
    std::array<std::vector<std::int32_t>, kServiceCount> m_serviceEndpoints;
    std::unordered_map<std::string, std::int32_t> m_byUid;
    std::array<std::uint8_t, kServiceCount> m_serviceIds{};
    IstioMetrics::WorkloadId m_ingressWorkload = IstioMetrics::kUnknown;
    std::array<std::uint8_t, 15> m_flagIds{};
    std::unordered_map<std::uint64_t, OutlierDetector> m_outlierDetectors;   // per caller, service and subset
    std::unordered_map<std::uint64_t, ConnectionPool> m_connectionPools;     // the same
    std::vector<std::pair<std::uint16_t, LoadBalancer>> m_gatewayBalancers;  // the gateway's, per cluster
    AccessLog m_accessLog;
    std::array<std::uint16_t, kServiceCount> m_servicePaths{};  // the path each service is called with
    std::uint16_t m_pagePath = 0;                               // the current request's path at productpage
    std::int32_t m_gateway = -1;                                // the gateway pod serving the current request
    std::uint32_t m_page = 0;                                   // requests served through the gateway
};

}  // namespace meshlings::sim
