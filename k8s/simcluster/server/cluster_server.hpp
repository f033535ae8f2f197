#pragma once
// `meshlings cluster`: the built-in cluster on a real clock, its Kubernetes
// API and its Bookinfo ingress each on a loopback listener, a kubeconfig that
// points kubectl at it, and a ticker that keeps the model moving between
// requests so watches see changes as they happen.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "cluster.hpp"

namespace httplib {
class Server;
}

namespace meshlings::sim {

class ApiServer;
class IngressServer;

struct ServeOptions {
    std::string apiHost = "127.0.0.1";
    int apiPort = 0;  // 0: any free port
    std::string ingressHost = "127.0.0.1";
    int ingressPort = 0;
    std::uint64_t seed = 1;
    int extraPods = 0;
    std::size_t watchHistory = 10000;
    std::string kubeconfigOut;  // empty: write none
};

class ClusterServer {
public:
    explicit ClusterServer(ServeOptions options);
    ~ClusterServer();
    ClusterServer(const ClusterServer&) = delete;
    ClusterServer& operator=(const ClusterServer&) = delete;

    // Binds both listeners, builds the cluster and starts serving; throws
    // std::runtime_error naming the address that could not be bound.
    void start();
    void stop();

    std::string apiUrl() const;
    std::string ingressUrl() const;
    Cluster& cluster() { return *m_cluster; }

    // The kubeconfig text for this server (current context `meshlings`, namespace default).
    std::string kubeconfig() const;

private:
    Millis modelNow() const;

    ServeOptions m_options;
    std::unique_ptr<httplib::Server> m_api;
    std::unique_ptr<httplib::Server> m_ingress;
    std::unique_ptr<Cluster> m_cluster;
    std::unique_ptr<ApiServer> m_apiFront;
    std::unique_ptr<IngressServer> m_ingressFront;
    std::chrono::steady_clock::time_point m_start;
    std::atomic<bool> m_running{false};
    std::thread m_apiThread;
    std::thread m_ingressThread;
    std::thread m_ticker;
};

}  // namespace meshlings::sim
