#pragma once
// The Bookinfo ingress of the built-in cluster over HTTP: each request runs
// through the mesh model and is answered after the latency the model gave it,
// with the page (or Envoy's local reply) the real gateway would send. Also
// serves the sidecars' Istio metrics at /stats/prometheus.
#include <functional>

#include "simcluster/cluster.hpp"

namespace meshlings::sim::http {
struct Request;
class Response;
}  // namespace meshlings::sim::http

namespace meshlings::sim {

class IngressServer {
public:
    using ModelClock = std::function<Millis()>;

    // `timeScale`: model milliseconds per real millisecond (the clock's); a page waits latency / timeScale.
    IngressServer(Cluster& cluster, ModelClock clock, double timeScale = 1)
        : m_cluster(cluster), m_clock(std::move(clock)), m_timeScale(timeScale) {}

    // The listener's handler: /stats/prometheus, and any other GET or POST is a page.
    void handle(const http::Request& request, http::Response& response);

private:
    void serve(const http::Request& request, http::Response& response);
    void metrics(http::Response& response);

    Cluster& m_cluster;
    ModelClock m_clock;
    double m_timeScale;
};

}  // namespace meshlings::sim
