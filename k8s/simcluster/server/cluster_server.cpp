#include "simcluster/server/cluster_server.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "simcluster/api_error.hpp"
#include "simcluster/http/http_response.hpp"
#include "simcluster/server/api_server.hpp"
#include "simcluster/server/ingress_server.hpp"
#include "simcluster/server/kubeconfig_writer.hpp"

namespace meshlings::sim {

namespace {

// Workers per listener. The API's handlers hold one each for a moment (a
// watch streams on a thread of its own; a 5,000-pod list takes a few hundred
// milliseconds); the ingress holds one only while the model serves the page
// (under the cluster's lock), its latency is waited out by the server.
constexpr std::size_t kApiWorkers = 8;
constexpr std::size_t kIngressWorkers = 2;

int bindListener(http::HttpServer& server, const std::string& host, int port, const char* what) {
    try {
        return server.bind(host, port);
    } catch (const std::runtime_error&) {
        throw std::runtime_error(std::string("cannot listen for the ") + what + " on " + host + ":" +
                                 std::to_string(port) + " (address in use, or not an address of this machine)");
    }
}

std::string hostForUrl(const std::string& host) {
    return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

ClusterServer::ClusterServer(ServeOptions options) : m_options(std::move(options)), m_authenticator(m_options.auth) {}

ClusterServer::~ClusterServer() {
    stop();
}

Millis ClusterServer::modelNow() const {
    const auto real = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    return static_cast<Millis>(real * std::max(1.0, m_options.timeScale));
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

std::unique_ptr<http::HttpServer> ClusterServer::makeApiListener() {
    http::ServerOptions options;
    options.workers = kApiWorkers;
    // A request the server could not read is answered with a Status, as kube-apiserver answers
    // "Request entity too large: limit is 3145728".
    options.errorAnswer = [](const std::string& message, http::Response& response) {
        const char* reason = response.status == 413 ? "RequestEntityTooLarge" : "BadRequest";
        response.setContent(ApiError(response.status, reason, message).toStatus().dump(), "application/json");
    };
    if (m_tls) {
        const bool verifyClients = m_options.auth == AuthMode::Cert;
        options.tls = [this, verifyClients](ssl_ctx_st& context) {
            return m_tls->configureServer(context, verifyClients);
        };
    }
    try {
        return std::make_unique<http::HttpServer>(std::move(options),
                                                  [this](const http::Request& request, http::Response& response) {
                                                      m_apiFront->dispatch(request, response);
                                                  });
    } catch (const std::runtime_error&) {
        throw std::runtime_error("cannot set up TLS for the Kubernetes API");
    }
}

void ClusterServer::start() {
    if (m_options.auth == AuthMode::Cert && !m_options.tls) {
        throw std::invalid_argument("client certificate authentication needs TLS (--auth cert needs --tls)");
    }
    if (m_options.tls) m_tls = std::make_unique<TlsMaterial>(m_options.apiHost);
    makeIdentities();
    http::HttpServer::raiseFileLimit();
    m_api = makeApiListener();
    http::ServerOptions ingressOptions;
    ingressOptions.workers = kIngressWorkers;
    m_ingress = std::make_unique<http::HttpServer>(
        std::move(ingressOptions),
        [this](const http::Request& request, http::Response& response) { m_ingressFront->handle(request, response); });
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
    m_ingressFront = std::make_unique<IngressServer>(*m_cluster, clock, std::max(1.0, m_options.timeScale));

    if (!m_options.kubeconfigOut.empty()) KubeconfigWriter::writeFile(m_options.kubeconfigOut, kubeconfig());
    m_running = true;
    m_api->start();
    m_ingress->start();
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
    m_api->stop();  // closes the listener and every connection; returns when their threads are done
    m_api.reset();
}

void ClusterServer::startApiLocked() {
    if (m_api) return;
    auto api = makeApiListener();
    bindListener(*api, m_options.apiHost, m_options.apiPort, "Kubernetes API");
    m_api = std::move(api);
    m_api->start();
}

void ClusterServer::stop() {
    std::lock_guard lock(m_restartMutex);
    if (!m_running.exchange(false)) return;
    // Every thread is woken at once rather than left to finish a wait: the ticker and the watches waiting
    // for events (their clients may already be gone). Pages still held for their latency are dropped.
    {
        std::lock_guard wait(m_tickerMutex);  // the ticker is not between its check and its wait
    }
    m_tickerWake.notify_all();
    {
        std::lock_guard model(m_cluster->mutex());
        m_cluster->store().closeWatches();
    }
    if (m_api) m_api->stop();
    m_ingress->stop();
    if (m_ticker.joinable()) m_ticker.join();
}

std::string ClusterServer::kubeconfig() const {
    return KubeconfigWriter::render(apiUrl(), m_tls ? m_tls->caCertificate() : "", m_identities);
}

}  // namespace meshlings::sim
