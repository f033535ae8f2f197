#pragma once
// The Kubernetes API of the built-in cluster over HTTP: discovery, CRUD,
// list and watch (with server-side Tables for kubectl), patch in every
// flavour, graceful pod deletion, the scale subresource and access reviews.
// Each request passes fault injection, authentication and authorization
// once, in dispatch(). Every handler takes the cluster lock, brings the
// model up to the clock's time, acts, and lets due work run before answering.
// Serves any number of HTTP listeners at once (a restarted one included).
#include <atomic>
#include <functional>
#include <string>

#include "simcluster/cluster.hpp"
#include "simcluster/server/access_review_handler.hpp"
#include "simcluster/server/api_request.hpp"
#include "simcluster/server/authenticator.hpp"
#include "simcluster/server/authorizer.hpp"
#include "simcluster/server/delete_handler.hpp"
#include "simcluster/server/eviction_handler.hpp"
#include "simcluster/server/fault_injector.hpp"
#include "simcluster/server/metrics_api.hpp"
#include "simcluster/server/non_resource_handler.hpp"
#include "simcluster/server/pod_log_handler.hpp"

namespace meshlings::sim::http {
struct Request;
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class ApiServer {
public:
    using ModelClock = std::function<Millis()>;

    // `faultEndpoint`: serve /meshlings/faults (else it is 404 like any unknown path).
    ApiServer(Cluster& cluster, ModelClock clock, std::string advertisedAddress, const Authenticator& authenticator,
              FaultInjector& faults, bool faultEndpoint);

    // The listener's handler, on any of its workers.
    void dispatch(const http::Request& request, http::Response& response);

private:
    using Json = nlohmann::json;
    void authorize(const UserInfo& user, const AccessAttributes& attributes) const;  // throws the 403
    void route(const http::Request& request, http::Response& response, const UserInfo& user, int closeWatchAfterEvents);
    void serveResource(const http::Request& request, http::Response& response, const ApiRequest& api,
                       const UserInfo& user, int closeWatchAfterEvents);
    void list(const http::Request& request, http::Response& response, const ApiRequest& api);
    void watch(const http::Request& request, http::Response& response, const ApiRequest& api, int closeAfterEvents);
    Json get(const ApiRequest& api);
    Json create(const http::Request& request, const ApiRequest& api, int& status);
    Json replace(const http::Request& request, const ApiRequest& api);
    Json patch(const http::Request& request, const ApiRequest& api, int& status);
    Json write(const ApiRequest& api, Json updated);  // stores a changed object (or dry-runs it)

    ObjectPtr require(const ApiRequest& api);
    std::int64_t unixNow() const;
    void sync();  // advance the model to the clock

    Cluster& m_cluster;
    ModelClock m_clock;
    NonResourceHandler m_nonResource;
    const Authenticator& m_authenticator;
    Authorizer m_authorizer;
    FaultInjector& m_faults;
    bool m_faultEndpoint;
    DeleteHandler m_deletes;
    EvictionHandler m_evictions;
    AccessReviewHandler m_reviews;
    PodLogHandler m_logs;
    MetricsApi m_metricsApi;
    std::atomic<int> m_openWatches{0};
};

}  // namespace meshlings::sim
