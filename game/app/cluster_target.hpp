#pragma once
// The cluster a session plays against: the built-in one, started here
// in-process on 127.0.0.1 with ephemeral ports (armed; its kubeconfig read
// back through the client's own loader, as kubectl would), or a real one
// named by --kubeconfig/--context/--namespace (disarmed unless --armed; the
// ingress from --ingress). A real cluster whose configuration cannot be
// resolved still makes a target, with the problem kept for the game to show.
// When its user's credential comes from an exec plugin, the target holds the
// plugin's shared ExecCredentialCache for the session: the CredentialWait's
// first answer is the one every client of the session then presents, and
// the session stops the plugin's runs through it when it ends.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "bridge/namespace_guard.hpp"
#include "client/exec_credential_cache.hpp"
#include "client/rest_config.hpp"
#include "simcluster/server/cluster_server.hpp"

namespace meshlings::app {

struct TargetOptions {
    bool builtIn = true;
    k8s::ConnectionOptions connection;  // a real cluster's --kubeconfig, --context, --namespace
    std::string ingressUrl;             // --ingress; the built-in cluster's own when empty
    std::string prometheusUrl;          // --prometheus: read everyone else's traffic there; empty: none
    bool armed = false;                 // --armed (the built-in cluster is always armed)
    std::uint64_t seed = 1;             // the built-in cluster's seed
    double timeScale = 1;               // the built-in cluster's model seconds per real second (--time-scale)
    // --audit-log; empty: AuditLog::defaultPath() on a real cluster, none on the built-in one
    std::string auditLog;
    bridge::NamespacePolicy namespaces;  // --allow-namespace, --allow-system-namespace
};

class ClusterTarget {
public:
    // Starts the built-in cluster when asked to; throws std::runtime_error when it cannot.
    explicit ClusterTarget(const TargetOptions& options);
    ~ClusterTarget();
    ClusterTarget(const ClusterTarget&) = delete;
    ClusterTarget& operator=(const ClusterTarget&) = delete;

    bool builtIn() const { return m_server != nullptr; }
    bool armed() const { return m_armed; }
    // Model seconds per real second: > 1 only for a built-in cluster started compressed (--time-scale).
    double timeScale() const { return m_timeScale; }
    // Empty when the configuration could not be resolved (see configProblem()).
    const std::optional<k8s::RestConfig>& restConfig() const { return m_config; }
    const std::string& configProblem() const { return m_configProblem; }
    const std::string& ingressUrl() const { return m_ingressUrl; }
    const std::string& prometheusUrl() const { return m_prometheusUrl; }
    const k8s::ConnectionOptions& connection() const { return m_connection; }
    const bridge::NamespacePolicy& namespaces() const { return m_namespaces; }
    // Why no change may be made in the target namespace ("namespace
    // kube-system is protected: ..."), or empty when changes are allowed.
    std::string namespaceRefusal() const;
    // "built-in cluster (armed)", "context kind-bookinfo (DRY RUN: not armed)", ...
    std::string describe() const;
    // The same, once the session may have been armed in the game (the arming dialog).
    std::string describe(bool armedNow) const;

    // The exec credential plugin of the target's user (null when it has none).
    const std::shared_ptr<k8s::ExecCredentialCache>& credentialPlugin() const { return m_plugin; }
    // The plugin's first answer failed: no cluster is used, and `problem` says why.
    void credentialsFailed(const std::string& problem);
    // Stops the plugin's runs (the run in progress is killed) until allowCredentialRuns(). Any thread.
    void refuseCredentialRuns() const;
    void allowCredentialRuns() const;

private:
    void startBuiltIn(std::uint64_t seed, double timeScale);
    void openAuditLog(const std::string& file);

    std::unique_ptr<sim::ClusterServer> m_server;
    std::filesystem::path m_kubeconfig;  // the built-in cluster's, removed at the end
    k8s::ConnectionOptions m_connection;
    std::optional<k8s::RestConfig> m_config;
    std::shared_ptr<k8s::ExecCredentialCache> m_plugin;
    std::string m_configProblem;
    std::string m_ingressUrl;
    std::string m_prometheusUrl;
    bool m_armed = false;
    double m_timeScale = 1;
    bridge::NamespacePolicy m_namespaces;
};

}  // namespace meshlings::app
