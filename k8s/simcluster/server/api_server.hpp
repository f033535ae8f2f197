#pragma once
// The Kubernetes API of the built-in cluster over HTTP: discovery, CRUD,
// list and watch (with server-side Tables for kubectl), patch in every
// flavour, graceful pod deletion, the scale subresource and access reviews.
// Every handler takes the cluster lock, brings the model up to the clock's
// time, acts, and lets due work run before answering.
#include <atomic>
#include <functional>
#include <string>

#include "api_request.hpp"
#include "cluster.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace meshlings::sim {

class ApiServer {
public:
    using ModelClock = std::function<Millis()>;

    ApiServer(Cluster& cluster, ModelClock clock, std::string advertisedAddress);

    void install(httplib::Server& server);

private:
    using Json = nlohmann::json;
    void dispatch(const httplib::Request& request, httplib::Response& response);
    void serveResource(const httplib::Request& request, httplib::Response& response, ApiRequest& api);
    void list(const httplib::Request& request, httplib::Response& response, const ApiRequest& api);
    void watch(const httplib::Request& request, httplib::Response& response, const ApiRequest& api);
    Json get(const ApiRequest& api);
    Json create(const httplib::Request& request, const ApiRequest& api, int& status);
    Json replace(const httplib::Request& request, const ApiRequest& api);
    Json patch(const httplib::Request& request, const ApiRequest& api, int& status);
    Json remove(const httplib::Request& request, const ApiRequest& api);
    Json accessReview(const httplib::Request& request);
    Json write(const ApiRequest& api, Json updated);  // stores a changed object (or dry-runs it)

    ObjectPtr require(const ApiRequest& api);
    Json present(const ApiRequest& api, Json object) const;
    static Json toScale(const Json& workload);
    std::int64_t unixNow() const;
    void sync();  // advance the model to the clock

    Cluster& m_cluster;
    ModelClock m_clock;
    std::string m_address;
    std::atomic<int> m_openWatches{0};
};

}  // namespace meshlings::sim
