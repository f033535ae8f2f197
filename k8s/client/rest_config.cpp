#include "client/rest_config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "client/config_error.hpp"

namespace meshlings::k8s {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string readFile(const std::string& path, const std::string& what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(what + ": cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    const auto last = text.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

void applyCluster(const ClusterEntry& cluster, const std::string& name, RestConfig& config) {
    const std::string where = cluster.origin + ": cluster \"" + name + "\"";
    if (cluster.server.empty()) throw ConfigError(where + ": server is not set");
    config.server = cluster.server;
    while (!config.server.empty() && config.server.back() == '/') config.server.pop_back();
    if (config.server.rfind("https://", 0) != 0 && config.server.rfind("http://", 0) != 0) {
        config.server = "https://" + config.server;  // kubectl's default scheme
    }
    if (!cluster.certificateAuthorityData.empty()) {
        config.caPem = cluster.certificateAuthorityData;  // data wins over the path
        config.caFile = where + " certificate-authority-data";
    } else if (!cluster.certificateAuthority.empty()) {
        config.caPem = readFile(cluster.certificateAuthority, where + ": certificate-authority");
        config.caFile = cluster.certificateAuthority;
    }
    config.insecure = cluster.insecureSkipTlsVerify;
    if (config.insecure && !config.caPem.empty()) {
        throw ConfigError(where + ": specifying a root certificates file with the insecure flag is not allowed");
    }
    config.tlsServerName = cluster.tlsServerName;
    config.proxyUrl = cluster.proxyUrl;
}

void applyUser(const UserEntry& user, const std::string& name, RestConfig& config) {
    const std::string where = user.origin + ": user \"" + name + "\"";
    config.clientCertPem = !user.clientCertificateData.empty() ? user.clientCertificateData
                           : user.clientCertificate.empty()
                               ? ""
                               : readFile(user.clientCertificate, where + ": client-certificate");
    config.clientKeyPem = !user.clientKeyData.empty() ? user.clientKeyData
                          : user.clientKey.empty()    ? ""
                                                      : readFile(user.clientKey, where + ": client-key");
    if (config.clientCertPem.empty() != config.clientKeyPem.empty()) {
        throw ConfigError(where + ": a client certificate needs both client-certificate and client-key");
    }
    config.token = user.token;
    config.tokenFile = user.tokenFile;
    if (config.token.empty() && !config.tokenFile.empty())
        config.token = trim(readFile(config.tokenFile, where + ": tokenFile"));
    config.username = user.username;
    config.password = user.password;
    if ((!config.token.empty() || !config.tokenFile.empty()) && (!user.username.empty() || !user.password.empty())) {
        throw ConfigError(where + ": more than one authentication method found (token and basic auth)");
    }
    if (user.hasAuthProvider && !user.exec) {
        throw ConfigError(
            where +
            ": auth-provider plugins were removed from kubectl; use an exec plugin (client.authentication.k8s.io/v1)");
    }
    config.exec = user.exec;
    if (config.exec) {
        const auto& version = config.exec->apiVersion;
        if (version != "client.authentication.k8s.io/v1" && version != "client.authentication.k8s.io/v1beta1") {
            throw ConfigError(where + ": exec.apiVersion \"" + version +
                              "\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)");
        }
        auto& mode = config.exec->interactiveMode;
        if (mode.empty() && version.ends_with("/v1"))
            throw ConfigError(where + ": exec.interactiveMode is required for v1");
        if (mode.empty()) mode = "IfAvailable";
        if (mode != "Never" && mode != "IfAvailable" && mode != "Always") {
            throw ConfigError(where + ": exec.interactiveMode must be Never, IfAvailable or Always, not \"" + mode +
                              "\"");
        }
    }
}

}  // namespace

std::string RestConfig::authMethod() const {
    if (exec) return "exec plugin " + exec->command;
    if (!clientCertPem.empty()) return "client certificate";
    if (!token.empty()) return "bearer token";
    if (!username.empty()) return "basic auth";
    return "none";
}

std::vector<std::string> kubeconfigFiles(const ConnectionOptions& options, bool& mustExist) {
    mustExist = !options.kubeconfig.empty();
    if (mustExist) return {options.kubeconfig};
    const std::string list = env("KUBECONFIG");
    std::vector<std::string> files;
    if (!list.empty()) {
        std::stringstream parts(list);
        for (std::string part; std::getline(parts, part, ':');) {
            if (!part.empty()) files.push_back(part);
        }
        return files;
    }
    const std::string home = env("HOME");
    if (!home.empty()) files.push_back(home + "/.kube/config");
    return files;
}

RestConfig restConfigFor(const Kubeconfig& kubeconfig, const ConnectionOptions& options) {
    std::string sources;
    for (const auto& file : kubeconfig.files()) sources += (sources.empty() ? "" : ":") + file;
    const std::string contextName = options.context.empty() ? kubeconfig.currentContext() : options.context;
    if (contextName.empty()) throw ConfigError(sources + ": no current-context is set and no --context was given");
    const auto context = kubeconfig.contexts().find(contextName);
    if (context == kubeconfig.contexts().end())
        throw ConfigError(sources + ": context \"" + contextName + "\" does not exist");
    RestConfig config;
    config.contextName = contextName;
    config.source = sources;
    const auto& entry = context->second;
    const auto cluster = kubeconfig.clusters().find(entry.cluster);
    if (cluster == kubeconfig.clusters().end()) {
        throw ConfigError(entry.origin + ": context \"" + contextName + "\": cluster \"" + entry.cluster +
                          "\" does not exist");
    }
    config.clusterName = entry.cluster;
    applyCluster(cluster->second, entry.cluster, config);
    if (!entry.user.empty()) {
        const auto user = kubeconfig.users().find(entry.user);
        if (user == kubeconfig.users().end()) {
            throw ConfigError(entry.origin + ": context \"" + contextName + "\": user \"" + entry.user +
                              "\" does not exist");
        }
        config.userName = entry.user;
        applyUser(user->second, entry.user, config);
    }
    config.nameSpace = !options.nameSpace.empty() ? options.nameSpace
                       : !entry.nameSpace.empty() ? entry.nameSpace
                                                  : "default";
    return config;
}

std::optional<RestConfig> inClusterConfig(const std::string& root) {
    const std::string host = env("KUBERNETES_SERVICE_HOST");
    const std::string port = env("KUBERNETES_SERVICE_PORT");
    if (host.empty() || port.empty()) return std::nullopt;
    RestConfig config;
    config.inCluster = true;
    config.source = "in-cluster service account (" + root + ")";
    config.server = "https://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
    config.tokenFile = root + "/token";
    config.token = trim(readFile(config.tokenFile, "in-cluster config"));
    config.caFile = root + "/ca.crt";
    config.caPem = readFile(config.caFile, "in-cluster config");
    config.nameSpace = env("POD_NAMESPACE");
    if (config.nameSpace.empty()) {
        std::ifstream in(root + "/namespace");
        std::getline(in, config.nameSpace);
        config.nameSpace = trim(config.nameSpace);
    }
    if (config.nameSpace.empty()) config.nameSpace = "default";
    return config;
}

RestConfig resolveRestConfig(const ConnectionOptions& options) {
    bool mustExist = false;
    const auto files = kubeconfigFiles(options, mustExist);
    const Kubeconfig kubeconfig = Kubeconfig::load(files, mustExist);
    if (kubeconfig.files().empty()) {
        if (auto config = inClusterConfig()) {
            if (!options.nameSpace.empty()) config->nameSpace = options.nameSpace;
            return *config;
        }
        std::string looked;
        for (const auto& file : files) looked += (looked.empty() ? "" : ", ") + file;
        throw ConfigError(
            "no kubeconfig found (looked in " + (looked.empty() ? std::string("$HOME/.kube/config") : looked) +
            ") and not running in a pod; pass --kubeconfig, set KUBECONFIG, or play on the built-in cluster");
    }
    return restConfigFor(kubeconfig, options);
}

}  // namespace meshlings::k8s
