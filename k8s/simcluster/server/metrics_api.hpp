#pragma once
// metrics.k8s.io/v1beta1 as metrics-server serves it, so `kubectl top pods`
// and `kubectl top nodes` work against the built-in cluster. Usage follows
// each pod's simulated load: a container's CPU is its idle cost plus a cost
// per request it answered over the last 30 s (its sidecar's access log), its
// memory a working set that grows a little with load. Only running pods are
// reported, as metrics-server reports only pods it has scraped. A node's
// usage is its pods' plus the node's own (kubelet, runtime, system).
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim::http {
struct Request;
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class Cluster;
struct ApiRequest;

class MetricsApi {
public:
    MetricsApi(Cluster& cluster, std::function<void()> sync);
    // GET of pods or nodes (one or a list) in group metrics.k8s.io.
    void serve(const http::Request& request, http::Response& response, const ApiRequest& api);

    struct Usage {
        double cores = 0;
        double bytes = 0;
    };
    // One container of one pod at the model's current time.
    Usage containerUsage(const std::string& pod, const std::string& app, bool sidecar) const;

private:
    nlohmann::json podMetrics(const nlohmann::json& pod) const;
    nlohmann::json nodeMetrics(const nlohmann::json& node) const;
    nlohmann::json meta(const nlohmann::json& object) const;

    Cluster& m_cluster;
    std::function<void()> m_sync;
};

}  // namespace meshlings::sim
