#include "app/cluster_target.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <system_error>

#include "bridge/request_router.hpp"
#include "client/audit_log.hpp"

namespace meshlings::app {

ClusterTarget::ClusterTarget(const TargetOptions& options)
    : m_connection(options.connection),
      m_ingressUrl(options.ingressUrl),
      m_prometheusUrl(options.prometheusUrl),
      m_armed(options.armed),
      m_namespaces(options.namespaces) {
    if (options.builtIn) {
        startBuiltIn(options.seed, options.timeScale);
        if (!options.auditLog.empty()) openAuditLog(options.auditLog);
        return;
    }
    try {
        m_config = k8s::resolveRestConfig(m_connection);
        if (m_config->exec) m_plugin = k8s::ExecCredentialCache::forConfig(*m_config->exec, m_config->server);
        // A real cluster whose changes cannot be recorded is not acted on at all.
        openAuditLog(options.auditLog.empty() ? k8s::AuditLog::defaultPath().string() : options.auditLog);
    } catch (const std::exception& e) {
        m_config.reset();
        m_plugin.reset();
        m_configProblem = e.what();
    }
}

void ClusterTarget::credentialsFailed(const std::string& problem) {
    m_config.reset();
    m_plugin.reset();
    m_configProblem = "no credentials: " + problem;
}

void ClusterTarget::refuseCredentialRuns() const {
    if (m_plugin) m_plugin->refuseRuns();
}

void ClusterTarget::allowCredentialRuns() const {
    if (m_plugin) m_plugin->allowRuns();
}

void ClusterTarget::openAuditLog(const std::string& file) {
    m_config->audit = std::make_shared<k8s::AuditLog>(file);
}

std::string ClusterTarget::namespaceRefusal() const {
    if (!m_config) return "";
    return bridge::RequestRouter::refusalFor(m_config->nameSpace, m_namespaces);
}

ClusterTarget::~ClusterTarget() {
    if (m_server) m_server->stop();
    if (!m_kubeconfig.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_kubeconfig, ignored);
    }
}

void ClusterTarget::startBuiltIn(std::uint64_t seed, double timeScale) {
    sim::ServeOptions serve;
    serve.seed = seed;
    serve.timeScale = m_timeScale = std::max(1.0, timeScale);
    m_server = std::make_unique<sim::ClusterServer>(serve);
    m_server->start();
    m_kubeconfig =
        std::filesystem::temp_directory_path() / ("meshlings-play-" + std::to_string(::getpid()) + ".kubeconfig");
    std::ofstream(m_kubeconfig) << m_server->kubeconfig();
    m_connection = {};
    m_connection.kubeconfig = m_kubeconfig.string();
    m_config = k8s::resolveRestConfig(m_connection);
    if (m_ingressUrl.empty()) m_ingressUrl = m_server->ingressUrl();
    m_armed = true;
}

std::string ClusterTarget::describe() const {
    return describe(m_armed);
}

std::string ClusterTarget::describe(bool armedNow) const {
    std::string text;
    if (builtIn()) {
        text = "built-in cluster at " + m_server->apiUrl();
    } else if (m_config) {
        text = "context " + (m_config->contextName.empty() ? std::string("in-cluster") : m_config->contextName) +
               " at " + m_config->server + ", namespace " + m_config->nameSpace;
    } else {
        text = "no cluster (" + m_configProblem + ")";
    }
    if (armedNow && !m_armed) return text + " (armed in the game; a dry run before)";
    return text + (armedNow ? " (armed)" : " (DRY RUN: not armed, --armed to make changes)");
}

}  // namespace meshlings::app
