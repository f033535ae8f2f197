#pragma once
// The Bookinfo ingress of the built-in cluster over HTTP: each request runs
// through the mesh model and is answered after the latency the model gave it,
// with the page (or Envoy's local reply) the real gateway would send. Also
// serves the sidecars' Istio metrics at /stats/prometheus.
#include <condition_variable>
#include <functional>
#include <mutex>

#include "simcluster/cluster.hpp"

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
    // Answers every request still held for its latency at once, and later ones without the wait: the
    // server is shutting down. Any thread.
    void stop();

private:
    void serve(const httplib::Request& request, httplib::Response& response);
    void metrics(httplib::Response& response);

    Cluster& m_cluster;
    ModelClock m_clock;
    std::mutex m_mutex;  // with m_wake: the latency waits, which stop() ends
    std::condition_variable m_wake;
    bool m_stopping = false;
};

}  // namespace meshlings::sim
