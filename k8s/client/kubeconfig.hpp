#pragma once
// kubeconfig files as kubectl reads them: the schema of client-go's
// clientcmd/api/v1 (clusters, users, contexts, current-context), several
// files merged with kubectl's rules (the first file to name an entry wins,
// as a whole; the first to set current-context wins), relative paths
// resolved against the file that holds them. Parsed with yaml-cpp.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace meshlings::k8s {

struct ExecConfig {
    std::string apiVersion;  // client.authentication.k8s.io/v1 or v1beta1
    std::string command;
    std::vector<std::string> args;
    std::vector<std::pair<std::string, std::string>> env;
    std::string interactiveMode;  // Never | IfAvailable | Always
    bool provideClusterInfo = false;
    std::string installHint;
};

struct ClusterEntry {
    std::string server;
    std::string certificateAuthority;      // path
    std::string certificateAuthorityData;  // PEM (decoded from base64)
    bool insecureSkipTlsVerify = false;
    std::string tlsServerName;
    std::string proxyUrl;
    std::string origin;  // the file it came from
};

struct UserEntry {
    std::string clientCertificate;  // path
    std::string clientCertificateData;
    std::string clientKey;
    std::string clientKeyData;
    std::string token;
    std::string tokenFile;
    std::string username;
    std::string password;
    std::optional<ExecConfig> exec;
    bool hasAuthProvider = false;
    std::string origin;
};

struct ContextEntry {
    std::string cluster;
    std::string user;
    std::string nameSpace;
    std::string origin;
};

class Kubeconfig {
public:
    // Reads and merges the files in order. Missing files are skipped unless
    // `mustExist` (an explicit --kubeconfig); a file that is not valid YAML
    // or has a field of the wrong type throws ConfigError naming it.
    static Kubeconfig load(const std::vector<std::string>& files, bool mustExist);
    // One document, for tests and fuzzing; `origin` names it in errors.
    static Kubeconfig parse(const std::string& text, const std::string& origin);

    const std::map<std::string, ClusterEntry>& clusters() const { return m_clusters; }
    const std::map<std::string, UserEntry>& users() const { return m_users; }
    const std::map<std::string, ContextEntry>& contexts() const { return m_contexts; }
    const std::string& currentContext() const { return m_currentContext; }
    const std::vector<std::string>& files() const { return m_files; }  // the files actually read

private:
    static Kubeconfig parseIn(const std::string& text, const std::string& origin, const std::string& baseDir);
    void mergeFrom(const Kubeconfig& later);

    std::map<std::string, ClusterEntry> m_clusters;
    std::map<std::string, UserEntry> m_users;
    std::map<std::string, ContextEntry> m_contexts;
    std::string m_currentContext;
    std::vector<std::string> m_files;
};

}  // namespace meshlings::k8s
