#pragma once
// Where to connect and as whom, resolved the way kubectl resolves it:
// --kubeconfig, else $KUBECONFIG (several files, merged), else ~/.kube/config,
// else the in-cluster service account; --context, else current-context; the
// namespace from --namespace, else the context, else "default". Holds the
// secrets it needs (token, key) and never prints them.
#include <memory>
#include <optional>
#include <string>

#include "client/kubeconfig.hpp"

namespace meshlings::k8s {

struct ConnectionOptions {
    std::string kubeconfig;  // --kubeconfig; empty: the environment decides
    std::string context;     // --context
    std::string nameSpace;   // --namespace
};

class AuditLog;

struct RestConfig {
    std::string server;  // https://host:port (or http:// for loopback test servers)
    std::string caPem;   // the trusted CA, PEM; empty: the system's store
    std::string caFile;  // where caPem came from, for messages
    bool insecure = false;
    std::string tlsServerName;
    std::string proxyUrl;

    std::string clientCertPem;
    std::string clientKeyPem;
    std::string token;
    std::string tokenFile;  // re-read every minute when set
    std::string username;   // basic auth
    std::string password;
    std::optional<ExecConfig> exec;

    std::string nameSpace = "default";
    std::string contextName;  // "" in-cluster
    std::string clusterName;
    std::string userName;
    std::string source;  // the kubeconfig file(s) or "in-cluster service account"
    bool inCluster = false;

    // Set: every call a KubeClient made from this config sends that is not a
    // GET is written to it (AuditLog), answered or not.
    std::shared_ptr<AuditLog> audit;

    // Which kind of credential this identity presents, for messages ("bearer
    // token", "client certificate", "exec plugin my-cred", "none").
    std::string authMethod() const;
};

// The files kubectl would read for these options, in order, and whether the
// first must exist (an explicit --kubeconfig).
std::vector<std::string> kubeconfigFiles(const ConnectionOptions& options, bool& mustExist);

// Resolves everything; throws ConfigError naming the file and field, or
// saying that no configuration was found at all and where it looked.
RestConfig resolveRestConfig(const ConnectionOptions& options);

// The config for a context of an already loaded kubeconfig (exposed for the doctor and tests).
RestConfig restConfigFor(const Kubeconfig& kubeconfig, const ConnectionOptions& options);

// The in-cluster config when the process runs in a pod; nullopt when the
// service environment is absent. `root` lets tests use a fake secrets dir.
std::optional<RestConfig> inClusterConfig(const std::string& root = "/var/run/secrets/kubernetes.io/serviceaccount");

}  // namespace meshlings::k8s
