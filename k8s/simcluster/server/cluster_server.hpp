#pragma once
// `meshlings cluster`: the built-in cluster on a real clock, its Kubernetes
// API and its Bookinfo ingress each on a listener, a kubeconfig that points
// kubectl at it, and a ticker that keeps the model moving between requests
// so watches see changes as they happen. Optionally the API speaks HTTPS
// with TLS material made at start, authenticates by token or client
// certificate (an admin and a read-only viewer), and injects faults for
// tests; the API listener can be restarted under a running model.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "simcluster/cluster.hpp"
#include "simcluster/http/http_server.hpp"
#include "simcluster/server/authenticator.hpp"
#include "simcluster/server/fault_injector.hpp"
#include "simcluster/server/identity.hpp"
#include "simcluster/server/tls_material.hpp"

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
    std::string kubeconfigOut;       // empty: write none
    bool tls = false;                // the API over HTTPS (the ingress stays plain HTTP)
    AuthMode auth = AuthMode::None;  // Cert needs tls
    bool faultInjection = false;     // serve /meshlings/faults (faults() works in-process either way)
    // The model's seconds per real second (the monkey's compressed play): > 1 runs the model and the
    // ingress's answers that much faster. 1: real time.
    double timeScale = 1;
};

class ClusterServer {
public:
    explicit ClusterServer(ServeOptions options);
    ~ClusterServer();
    ClusterServer(const ClusterServer&) = delete;
    ClusterServer& operator=(const ClusterServer&) = delete;

    // Binds both listeners, builds the cluster and starts serving; throws
    // std::invalid_argument for options that do not go together (cert
    // authentication without TLS) and std::runtime_error naming the address
    // that could not be bound.
    void start();
    void stop();
    // Stops the API listener, dropping its connections and open watches
    // without a clean end, and listens again on the same port; the model,
    // credentials and faults stay.
    void restartApi();
    // The same in two steps, with the API down in between: after stopApi()
    // connections to its port are refused (open watches dropped) while the
    // model runs on; startApi() listens again on the same port. Both throw
    // std::logic_error when the server is not running; each does nothing
    // when the API is already in the state asked for.
    void stopApi();
    void startApi();

    std::string apiUrl() const;
    std::string ingressUrl() const;
    Cluster& cluster() { return *m_cluster; }
    FaultInjector& faults() { return m_faults; }
    const ServeOptions& options() const { return m_options; }

    // The kubeconfig's users, the admin first, with the credentials the mode
    // needs (without authentication: none over HTTP, an unused certificate over HTTPS).
    const std::vector<Identity>& identities() const { return m_identities; }
    // Throws std::out_of_range for a user the server does not know.
    const Identity& identity(const std::string& userName) const;
    // The CA and server certificates; throws std::logic_error without TLS.
    const TlsMaterial& tls() const;
    // "https, auth token" (and ", fault injection"), for the ready line.
    std::string mode() const;

    // The kubeconfig text for this server (current context `meshlings`,
    // with authentication also `meshlings-viewer`; namespace default).
    std::string kubeconfig() const;

private:
    Millis modelNow() const;
    void makeIdentities();
    std::unique_ptr<http::HttpServer> makeApiListener();
    void stopApiLocked();   // m_restartMutex held
    void startApiLocked();  // m_restartMutex held

    ServeOptions m_options;
    std::unique_ptr<TlsMaterial> m_tls;
    Authenticator m_authenticator;
    FaultInjector m_faults;
    std::vector<Identity> m_identities;
    std::unique_ptr<http::HttpServer> m_api;
    std::unique_ptr<http::HttpServer> m_ingress;
    std::unique_ptr<Cluster> m_cluster;
    std::unique_ptr<ApiServer> m_apiFront;
    std::unique_ptr<IngressServer> m_ingressFront;
    std::chrono::steady_clock::time_point m_start;
    std::atomic<bool> m_running{false};
    std::mutex m_restartMutex;
    std::thread m_ticker;
    std::mutex m_tickerMutex;  // with m_tickerWake: stop() wakes the ticker from its wait between steps
    std::condition_variable m_tickerWake;
};

}  // namespace meshlings::sim
