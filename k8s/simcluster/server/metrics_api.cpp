#include "simcluster/server/metrics_api.hpp"

#include <cmath>
#include <mutex>

#include "simcluster/api_error.hpp"
#include "simcluster/cluster.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/selector.hpp"
#include "simcluster/server/api_request.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
constexpr Millis kWindow = 30 * kSecond;  // the rate window; metrics-server scrapes every 15 s
constexpr const char* kWindowText = "30s";
constexpr double kMiB = 1024.0 * 1024.0;

struct AppCost {
    const char* app;
    double idleCores;        // at rest
    double coresPerRequest;  // CPU-seconds per request answered
    double idleMiB;
    double miBPerRps;  // working set per request per second
};
// Rough figures for Bookinfo's images (Python, Ruby, Java on OpenJ9, Node) and Envoy.
constexpr AppCost kCosts[] = {{"productpage", 0.002, 0.006, 60, 0.2},
                              {"details", 0.001, 0.0008, 22, 0.05},
                              {"reviews", 0.004, 0.003, 170, 0.4},
                              {"ratings", 0.001, 0.0006, 30, 0.05},
                              {"istio-proxy", 0.003, 0.0005, 44, 0.1}};
constexpr AppCost kOther{"", 0.001, 0.001, 16, 0.05};
constexpr double kNodeCores = 0.08;  // kubelet, container runtime, system daemons
constexpr double kNodeMiB = 650;

const AppCost& costOf(const std::string& app) {
    for (const auto& cost : kCosts) {
        if (app == cost.app) return cost;
    }
    return kOther;
}

// metrics-server's quantities: CPU in nanocores ("1234567n"), memory in Ki.
std::string cpuQuantity(double cores) {
    return std::to_string(std::llround(cores * 1e9)) + "n";
}
std::string memoryQuantity(double bytes) {
    return std::to_string(std::llround(bytes / 1024.0)) + "Ki";
}

bool running(const Json& pod) {
    return json_access::text(pod["status"], "phase") == "Running";
}

}  // namespace

MetricsApi::MetricsApi(Cluster& cluster, std::function<void()> sync) : m_cluster(cluster), m_sync(std::move(sync)) {}

MetricsApi::Usage MetricsApi::containerUsage(const std::string& pod, const std::string& app, bool sidecar) const {
    const AppCost& cost = costOf(sidecar ? "istio-proxy" : app);
    const double rps = m_cluster.mesh().inboundRate(pod, kWindow);
    return {cost.idleCores + cost.coresPerRequest * rps, (cost.idleMiB + cost.miBPerRps * rps) * kMiB};
}

Json MetricsApi::meta(const Json& object) const {
    Json meta{{"name", object["metadata"].value("name", "")},
              {"creationTimestamp", rfc3339(m_cluster.context().unixNow())}};
    if (object["metadata"].contains("namespace")) meta["namespace"] = object["metadata"]["namespace"];
    if (object["metadata"].contains("labels")) meta["labels"] = object["metadata"]["labels"];
    return meta;
}

Json MetricsApi::podMetrics(const Json& pod) const {
    const std::string name = pod["metadata"].value("name", "");
    const std::string app = json_access::text(json_access::object(pod["metadata"], "labels"), "app");
    Json containers = Json::array();
    for (const auto& container : json_access::array(pod["spec"], "containers")) {
        const std::string cname = container.value("name", "");
        const Usage usage = containerUsage(name, app, cname == "istio-proxy");
        containers.push_back(
            {{"name", cname}, {"usage", {{"cpu", cpuQuantity(usage.cores)}, {"memory", memoryQuantity(usage.bytes)}}}});
    }
    return {{"kind", "PodMetrics"},  {"apiVersion", "metrics.k8s.io/v1beta1"},
            {"metadata", meta(pod)}, {"timestamp", rfc3339(m_cluster.context().unixNow() - 5 * kSecond)},
            {"window", kWindowText}, {"containers", containers}};
}

Json MetricsApi::nodeMetrics(const Json& node) const {
    const std::string name = node["metadata"].value("name", "");
    double cores = kNodeCores;
    double bytes = kNodeMiB * kMiB;
    for (const auto& pod : m_cluster.store().list(ResourceRegistry::pods(), "")) {
        if (json_access::text((*pod)["spec"], "nodeName") != name || !running(*pod)) continue;
        const std::string podName = (*pod)["metadata"].value("name", "");
        const std::string app = json_access::text(json_access::object((*pod)["metadata"], "labels"), "app");
        for (const auto& container : json_access::array((*pod)["spec"], "containers")) {
            const Usage usage = containerUsage(podName, app, container.value("name", "") == "istio-proxy");
            cores += usage.cores;
            bytes += usage.bytes;
        }
    }
    return {{"kind", "NodeMetrics"},  {"apiVersion", "metrics.k8s.io/v1beta1"},
            {"metadata", meta(node)}, {"timestamp", rfc3339(m_cluster.context().unixNow() - 5 * kSecond)},
            {"window", kWindowText},  {"usage", {{"cpu", cpuQuantity(cores)}, {"memory", memoryQuantity(bytes)}}}};
}

void MetricsApi::serve(const http::Request& request, http::Response& response, const ApiRequest& api) {
    if (request.method != "GET") {
        throw ApiError::methodNotAllowed("the server does not allow this method on the requested resource");
    }
    const bool pods = api.type->plural == "pods";
    const ResourceType& source = ResourceRegistry::byKind(pods ? "Pod" : "Node");
    const Selector labels = Selector::parseLabels(request.param("labelSelector"));
    Json body;
    {
        std::lock_guard lock(m_cluster.mutex());
        m_sync();
        if (!api.name.empty()) {
            const auto object = m_cluster.store().get(source, api.ns, api.name);
            if (!object || (pods && !running(*object))) throw ApiError::notFound(api.type->qualifiedName(), api.name);
            body = pods ? podMetrics(*object) : nodeMetrics(*object);
        } else {
            Json items = Json::array();
            for (const auto& object : m_cluster.store().list(source, api.ns)) {
                if (!labels.matches(*object) || (pods && !running(*object))) continue;
                items.push_back(pods ? podMetrics(*object) : nodeMetrics(*object));
            }
            body = {{"kind", pods ? "PodMetricsList" : "NodeMetricsList"},
                    {"apiVersion", "metrics.k8s.io/v1beta1"},
                    {"metadata", Json::object()},
                    {"items", items}};
        }
    }
    response.status = 200;
    response.setContent(body.dump(), "application/json");
}

}  // namespace meshlings::sim
