#include "simcluster/server/cluster_server.hpp"

#include <httplib.h>

#include <chrono>
#include <stdexcept>

#include "simcluster/server/api_server.hpp"
#include "simcluster/server/ingress_server.hpp"
#include "simcluster/server/kubeconfig_writer.hpp"

namespace meshlings::sim {

namespace {

// Worker threads per listener: each open watch holds one on the API, each
// request in flight (up to seconds when a fault delays it) one on the ingress.
constexpr std::size_t kThreads = 128;

void configure(httplib::Server& server) {
    server.new_task_queue = [] { return new httplib::ThreadPool(kThreads); };
    server.set_keep_alive_max_count(1000);
    // Without TCP_NODELAY a reused connection stalls ~40 ms per request:
    // the body waits behind the headers for the client's delayed ACK.
    server.set_tcp_nodelay(true);
    server.set_payload_max_length(16 * 1024 * 1024);
}

int bindListener(httplib::Server& server, const std::string& host, int port, const char* what) {
    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        throw std::runtime_error(std::string("cannot listen for the ") + what + " on " + host + ":" +
                                 std::to_string(port) + " (address in use, or not an address of this machine)");
    }
    return bound;
}

std::string hostForUrl(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// Waits (briefly) until a listener's thread is in its accept loop, so that
// stop() reaches it: cpp-httplib's stop() does nothing before that.
void awaitRunning(const httplib::Server& server) {
    for (int i = 0; i < 500 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

}  // namespace

ClusterServer::ClusterServer(ServeOptions options) : m_options(std::move(options)), m_authenticator(m_options.auth) {}

ClusterServer::~ClusterServer() {
    stop();
}

Millis ClusterServer::modelNow() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - m_start).count();
}

std::string ClusterServer::apiUrl() const {
    return std::string(m_options.tls ? "https://" : "http://") + hostForUrl(m_options.apiHost) + ":" +
           std::to_string(m_options.apiPort);
}

std::string ClusterServer::ingressUrl() const {
    return "http://" + hostForUrl(m_options.ingressHost) + ":" + std::to_string(m_options.ingressPort);
}

std::string ClusterServer::mode() const {
    return std::string(m_options.tls ? "https" : "http") + ", auth " + Authenticator::name(m_options.auth) +
           (m_options.faultInjection ? ", fault injection" : "");
}

const TlsMaterial& ClusterServer::tls() const {
    if (!m_tls) throw std::logic_error("the built-in cluster serves its API without TLS");
    return *m_tls;
}

const Identity& ClusterServer::identity(const std::string& userName) const {
    for (const auto& identity : m_identities) {
        if (identity.user.name == userName) return identity;
    }
    throw std::out_of_range("the built-in cluster has no user " + userName);
}

void ClusterServer::makeIdentities() {
    m_identities = {{"meshlings", UserInfo::admin(), "", {}}};
    if (m_options.auth == AuthMode::None) {
        // Over HTTPS kubectl prompts for a user name unless the kubeconfig
        // identifies one; a certificate does, and is never asked for.
        if (m_tls) m_identities.front().clientCertificate = m_tls->issueClient(UserInfo::kAdmin, UserInfo::kAdminGroup);
        return;
    }
    m_identities.push_back({"meshlings-viewer", UserInfo::viewer(), "", {}});
    for (auto& identity : m_identities) {
        if (m_options.auth == AuthMode::Token) {
            identity.token = Authenticator::newToken();
            m_authenticator.addToken(identity.token, identity.user);
        } else {
            identity.clientCertificate = m_tls->issueClient(identity.user.name, identity.user.groups.front());
        }
    }
}

std::unique_ptr<httplib::Server> ClusterServer::makeApiListener() const {
    std::unique_ptr<httplib::Server> server;
    if (m_tls) {
        const bool verifyClients = m_options.auth == AuthMode::Cert;
        server = std::make_unique<httplib::SSLServer>(
            [this, verifyClients](SSL_CTX& context) { return m_tls->configureServer(context, verifyClients); });
        if (!server->is_valid()) throw std::runtime_error("cannot set up TLS for the Kubernetes API");
    } else {
        server = std::make_unique<httplib::Server>();
    }
    configure(*server);
    return server;
}

void ClusterServer::start() {
    if (m_options.auth == AuthMode::Cert && !m_options.tls) {
        throw std::invalid_argument("client certificate authentication needs TLS (--auth cert needs --tls)");
    }
    if (m_options.tls) m_tls = std::make_unique<TlsMaterial>(m_options.apiHost);
    makeIdentities();
    m_api = makeApiListener();
    m_ingress = std::make_unique<httplib::Server>();
    configure(*m_ingress);
    m_options.apiPort = bindListener(*m_api, m_options.apiHost, m_options.apiPort, "Kubernetes API");
    m_options.ingressPort = bindListener(*m_ingress, m_options.ingressHost, m_options.ingressPort, "Bookinfo ingress");

    ClusterOptions clusterOptions;
    clusterOptions.seed = m_options.seed;
    clusterOptions.epochUnixMillis =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    clusterOptions.contents.extraPods = m_options.extraPods;
    clusterOptions.watchHistory = m_options.watchHistory;
    clusterOptions.contents.ingressUrl = ingressUrl();
    m_cluster = std::make_unique<Cluster>(clusterOptions);
    m_start = std::chrono::steady_clock::now();

    auto clock = [this] { return modelNow(); };
    m_apiFront =
        std::make_unique<ApiServer>(*m_cluster, clock, m_options.apiHost + ":" + std::to_string(m_options.apiPort),
                                    m_authenticator, m_faults, m_options.faultInjection);
    m_apiFront->install(*m_api);
    m_ingressFront = std::make_unique<IngressServer>(*m_cluster, clock);
    m_ingressFront->install(*m_ingress);

    if (!m_options.kubeconfigOut.empty()) KubeconfigWriter::writeFile(m_options.kubeconfigOut, kubeconfig());
    m_running = true;
    serveApi();
    m_ingressThread = std::thread([this] { m_ingress->listen_after_bind(); });
    awaitRunning(*m_ingress);
    m_ticker = std::thread([this] {
        std::unique_lock wait(m_tickerMutex);
        while (m_running) {
            wait.unlock();
            {
                std::lock_guard lock(m_cluster->mutex());
                m_cluster->advanceTo(modelNow());
            }
            wait.lock();
            m_tickerWake.wait_for(wait, std::chrono::milliseconds(50), [this] { return !m_running; });
        }
    });
}

void ClusterServer::serveApi() {
    httplib::Server* api = m_api.get();
    m_apiThread = std::thread([api] { api->listen_after_bind(); });
    awaitRunning(*api);
}

void ClusterServer::restartApi() {
    std::lock_guard lock(m_restartMutex);
    if (!m_running) throw std::logic_error("restartApi: the built-in cluster is not running");
    stopApiLocked();
    startApiLocked();
}

void ClusterServer::stopApi() {
    std::lock_guard lock(m_restartMutex);
    if (!m_running) throw std::logic_error("stopApi: the built-in cluster is not running");
    stopApiLocked();
}

void ClusterServer::startApi() {
    std::lock_guard lock(m_restartMutex);
    if (!m_running) throw std::logic_error("startApi: the built-in cluster is not running");
    startApiLocked();
}

void ClusterServer::stopApiLocked() {
    if (!m_api) return;
    // stop() closes the listening socket at once; the old workers notice it
    // and drop their connections while a new listener may take the port.
    m_api->stop();
    m_retired.emplace_back(std::move(m_api), std::move(m_apiThread));
}

void ClusterServer::startApiLocked() {
    if (m_api) return;
    auto api = makeApiListener();
    bool bound = false;
    for (int attempt = 0; attempt < 100 && !bound; ++attempt) {
        bound = api->bind_to_port(m_options.apiHost, m_options.apiPort);
        if (!bound) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!bound) {
        throw std::runtime_error("cannot listen again for the Kubernetes API on " + m_options.apiHost + ":" +
                                 std::to_string(m_options.apiPort));
    }
    m_api = std::move(api);
    m_apiFront->install(*m_api);
    serveApi();
}

void ClusterServer::stop() {
    std::lock_guard lock(m_restartMutex);
    if (!m_running.exchange(false)) return;
    // Every thread is woken at once rather than left to finish a wait: the ticker, the ingress answers
    // held for their latency, and the watches waiting for events (their clients may already be gone).
    {
        std::lock_guard wait(m_tickerMutex);  // the ticker is not between its check and its wait
    }
    m_tickerWake.notify_all();
    if (m_api) m_api->stop();
    m_ingress->stop();
    m_ingressFront->stop();
    {
        std::lock_guard model(m_cluster->mutex());
        m_cluster->store().closeWatches();
    }
    if (m_apiThread.joinable()) m_apiThread.join();
    if (m_ingressThread.joinable()) m_ingressThread.join();
    for (auto& [server, thread] : m_retired) {
        if (thread.joinable()) thread.join();
    }
    m_retired.clear();
    if (m_ticker.joinable()) m_ticker.join();
}

std::string ClusterServer::kubeconfig() const {
    return KubeconfigWriter::render(apiUrl(), m_tls ? m_tls->caCertificate() : "", m_identities);
}

}  // namespace meshlings::sim
