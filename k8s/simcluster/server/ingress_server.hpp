#pragma once
// The Bookinfo ingress of the built-in cluster over HTTP: each request runs
// through the mesh model and is answered after the latency the model gave it,
// with the page (or Envoy's local reply) the real gateway would send. Also
// serves the sidecars' Istio metrics at /stats/prometheus.
#include <functional>

#include "cluster.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace meshlings::sim {

class IngressServer {
public:
    using ModelClock = std::function<Millis()>;

    IngressServer(Cluster& cluster, ModelClock clock) : m_cluster(cluster), m_clock(std::move(clock)) {}

    void install(httplib::Server& server);

private:
    void serve(const httplib::Request& request, httplib::Response& response);
    void metrics(httplib::Response& response);

    Cluster& m_cluster;
    ModelClock m_clock;
};

}  // namespace meshlings::sim
