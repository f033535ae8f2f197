#include "cluster_server.hpp"

#include <httplib.h>

#include <chrono>
#include <fstream>
#include <stdexcept>

#include "api_server.hpp"
#include "ingress_server.hpp"

namespace meshlings::sim {

namespace {

// Worker threads per listener: each open watch holds one on the API, each
// request in flight (up to seconds when a fault delays it) one on the ingress.
constexpr std::size_t kThreads = 128;

std::unique_ptr<httplib::Server> makeServer() {
    auto server = std::make_unique<httplib::Server>();
    server->new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
    server->set_keep_alive_max_count(1000);
    // Without TCP_NODELAY a reused connection stalls ~40 ms per request:
    // the body waits behind the headers for the client's delayed ACK.
    server->set_tcp_nodelay(true);
    server->set_payload_max_length(16 * 1024 * 1024);
    return server;
}

int bindListener(httplib::Server& server, const std::string& host, int port, const char* what) {
    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        throw std::runtime_error(std::string("cannot listen for the ") + what + " on " + host + ":" + std::to_string(port) +
                                 " (address in use, or not an address of this machine)");
    }
    return bound;
}

std::string hostForUrl(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

ClusterServer::ClusterServer(ServeOptions options) : m_options(std::move(options)) {}

ClusterServer::~ClusterServer() { stop(); }

Millis ClusterServer::modelNow() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - m_start).count();
}

std::string ClusterServer::apiUrl() const { return "http://" + hostForUrl(m_options.apiHost) + ":" + std::to_string(m_options.apiPort); }

std::string ClusterServer::ingressUrl() const {
    return "http://" + hostForUrl(m_options.ingressHost) + ":" + std::to_string(m_options.ingressPort);
}

void ClusterServer::start() {
    m_api = makeServer();
    m_ingress = makeServer();
    m_options.apiPort = bindListener(*m_api, m_options.apiHost, m_options.apiPort, "Kubernetes API");
    m_options.ingressPort = bindListener(*m_ingress, m_options.ingressHost, m_options.ingressPort, "Bookinfo ingress");

    ClusterOptions clusterOptions;
    clusterOptions.seed = m_options.seed;
    clusterOptions.epochUnixMillis =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    clusterOptions.contents.extraPods = m_options.extraPods;
    clusterOptions.watchHistory = m_options.watchHistory;
    clusterOptions.contents.ingressUrl = ingressUrl();
    m_cluster = std::make_unique<Cluster>(clusterOptions);
    m_start = std::chrono::steady_clock::now();

    auto clock = [this] { return modelNow(); };
    m_apiFront = std::make_unique<ApiServer>(*m_cluster, clock, m_options.apiHost + ":" + std::to_string(m_options.apiPort));
    m_apiFront->install(*m_api);
    m_ingressFront = std::make_unique<IngressServer>(*m_cluster, clock);
    m_ingressFront->install(*m_ingress);

    if (!m_options.kubeconfigOut.empty()) {
        std::ofstream out(m_options.kubeconfigOut);
        out << kubeconfig();
        if (!out) throw std::runtime_error("cannot write the kubeconfig to " + m_options.kubeconfigOut);
    }
    m_running = true;
    m_apiThread = std::thread([this] { m_api->listen_after_bind(); });
    m_ingressThread = std::thread([this] { m_ingress->listen_after_bind(); });
    m_ticker = std::thread([this] {
        while (m_running) {
            {
                std::lock_guard lock(m_cluster->mutex());
                m_cluster->advanceTo(modelNow());
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
}

void ClusterServer::stop() {
    if (!m_running.exchange(false)) return;
    m_api->stop();
    m_ingress->stop();
    if (m_apiThread.joinable()) m_apiThread.join();
    if (m_ingressThread.joinable()) m_ingressThread.join();
    if (m_ticker.joinable()) m_ticker.join();
}

std::string ClusterServer::kubeconfig() const {
    return "apiVersion: v1\n"
           "kind: Config\n"
           "clusters:\n"
           "- name: meshlings\n"
           "  cluster:\n"
           "    server: " + apiUrl() + "\n"
           "contexts:\n"
           "- name: meshlings\n"
           "  context:\n"
           "    cluster: meshlings\n"
           "    user: meshlings-admin\n"
           "    namespace: default\n"
           "current-context: meshlings\n"
           "users:\n"
           "- name: meshlings-admin\n"
           "  user: {}\n"
           "preferences: {}\n";
}

}  // namespace meshlings::sim
