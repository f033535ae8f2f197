#include "client/kubeconfig.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "client/base64.hpp"
#include "client/config_error.hpp"

namespace meshlings::k8s {

namespace {

namespace fs = std::filesystem;

// Reads one document, naming the file and the field path in every error.
class DocumentReader {
public:
    DocumentReader(std::string origin, std::string baseDir)
        : m_origin(std::move(origin)), m_baseDir(std::move(baseDir)) {}

    [[noreturn]] void fail(const YAML::Node& node, const std::string& path, const std::string& what) const {
        std::ostringstream message;
        message << m_origin;
        if (node.Mark().line >= 0) message << ":" << node.Mark().line + 1;
        message << ": " << path << ": " << what;
        throw ConfigError(message.str());
    }

    std::string text(const YAML::Node& parent, const char* key, const std::string& path) const {
        const YAML::Node value = parent[key];
        if (!value || value.IsNull()) return "";
        if (!value.IsScalar()) fail(value, path + "." + key, "expected a string");
        return value.Scalar();
    }

    bool flag(const YAML::Node& parent, const char* key, const std::string& path) const {
        const std::string value = text(parent, key, path);
        if (value.empty() || value == "false") return false;
        if (value == "true") return true;
        fail(parent[key], path + "." + key, "expected true or false, got \"" + value + "\"");
    }

    // A path field: relative paths are resolved against the kubeconfig's directory.
    std::string file(const YAML::Node& parent, const char* key, const std::string& path) const {
        const std::string value = text(parent, key, path);
        if (value.empty() || fs::path(value).is_absolute() || m_baseDir.empty()) return value;
        return (fs::path(m_baseDir) / value).lexically_normal().string();
    }

    // A *-data field: base64 in the file, the decoded bytes in memory.
    std::string data(const YAML::Node& parent, const char* key, const std::string& path) const {
        const std::string value = text(parent, key, path);
        if (value.empty()) return "";
        auto decoded = base64::decode(value);
        if (!decoded) fail(parent[key], path + "." + key, "is not valid base64");
        return *decoded;
    }

    ClusterEntry cluster(const YAML::Node& node, const std::string& path) const {
        ClusterEntry entry;
        entry.server = text(node, "server", path);
        entry.certificateAuthority = file(node, "certificate-authority", path);
        entry.certificateAuthorityData = data(node, "certificate-authority-data", path);
        entry.insecureSkipTlsVerify = flag(node, "insecure-skip-tls-verify", path);
        entry.tlsServerName = text(node, "tls-server-name", path);
        entry.proxyUrl = text(node, "proxy-url", path);
        entry.origin = m_origin;
        return entry;
    }

    ExecConfig exec(const YAML::Node& node, const std::string& path) const {
        ExecConfig config;
        config.apiVersion = text(node, "apiVersion", path);
        config.command = text(node, "command", path);
        if (config.command.empty()) fail(node, path + ".command", "is required");
        if (const YAML::Node args = node["args"]; args && !args.IsNull()) {
            if (!args.IsSequence()) fail(args, path + ".args", "expected a list of strings");
            for (std::size_t i = 0; i < args.size(); ++i) {
                if (!args[i].IsScalar()) fail(args[i], path + ".args[" + std::to_string(i) + "]", "expected a string");
                config.args.push_back(args[i].Scalar());
            }
        }
        if (const YAML::Node env = node["env"]; env && !env.IsNull()) {
            if (!env.IsSequence()) fail(env, path + ".env", "expected a list of {name, value}");
            for (std::size_t i = 0; i < env.size(); ++i) {
                const std::string where = path + ".env[" + std::to_string(i) + "]";
                if (!env[i].IsMap()) fail(env[i], where, "expected {name, value}");
                config.env.emplace_back(text(env[i], "name", where), text(env[i], "value", where));
            }
        }
        config.interactiveMode = text(node, "interactiveMode", path);
        config.provideClusterInfo = flag(node, "provideClusterInfo", path);
        config.installHint = text(node, "installHint", path);
        return config;
    }

    UserEntry user(const YAML::Node& node, const std::string& path) const {
        UserEntry entry;
        entry.clientCertificate = file(node, "client-certificate", path);
        entry.clientCertificateData = data(node, "client-certificate-data", path);
        entry.clientKey = file(node, "client-key", path);
        entry.clientKeyData = data(node, "client-key-data", path);
        entry.token = text(node, "token", path);
        entry.tokenFile = file(node, "tokenFile", path);
        entry.username = text(node, "username", path);
        entry.password = text(node, "password", path);
        if (const YAML::Node execNode = node["exec"]; execNode && !execNode.IsNull()) {
            if (!execNode.IsMap()) fail(execNode, path + ".exec", "expected a mapping");
            entry.exec = exec(execNode, path + ".exec");
        }
        entry.hasAuthProvider = static_cast<bool>(node["auth-provider"]);
        entry.origin = m_origin;
        return entry;
    }

    ContextEntry context(const YAML::Node& node, const std::string& path) const {
        return ContextEntry{text(node, "cluster", path), text(node, "user", path), text(node, "namespace", path),
                            m_origin};
    }

    // Walks a named list (clusters, users, contexts), calling `read` on each inner mapping.
    template <typename Entry, typename Read>
    void namedList(const YAML::Node& root, const char* listKey, const char* innerKey, std::map<std::string, Entry>& out,
                   Read read) const {
        const YAML::Node list = root[listKey];
        if (!list || list.IsNull()) return;
        if (!list.IsSequence()) fail(list, listKey, "expected a list");
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string path = std::string(listKey) + "[" + std::to_string(i) + "]";
            if (!list[i].IsMap()) fail(list[i], path, "expected a mapping with name and " + std::string(innerKey));
            const std::string name = text(list[i], "name", path);
            if (name.empty()) fail(list[i], path + ".name", "is required");
            const YAML::Node inner = list[i][innerKey];
            if (inner && !inner.IsNull() && !inner.IsMap()) fail(inner, path + "." + innerKey, "expected a mapping");
            const YAML::Node body = inner ? inner : YAML::Node(YAML::NodeType::Map);
            if (!out.count(name)) out.emplace(name, read(body, path + "." + innerKey));
        }
    }

private:
    std::string m_origin;
    std::string m_baseDir;
};

std::string readWhole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot be read");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Kubeconfig Kubeconfig::parseIn(const std::string& text, const std::string& origin, const std::string& baseDir) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw ConfigError(origin + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
    Kubeconfig config;
    if (!root || root.IsNull()) return config;  // an empty file is an empty config, as for kubectl
    const DocumentReader reader(origin, baseDir);
    if (!root.IsMap())
        reader.fail(root, "(top level)", "expected a mapping (apiVersion, kind, clusters, users, contexts)");
    const std::string kind = reader.text(root, "kind", "(top level)");
    if (!kind.empty() && kind != "Config") reader.fail(root["kind"], "kind", "expected Config, got " + kind);
    reader.namedList(root, "clusters", "cluster", config.m_clusters,
                     [&](const YAML::Node& node, const std::string& path) { return reader.cluster(node, path); });
    reader.namedList(root, "users", "user", config.m_users,
                     [&](const YAML::Node& node, const std::string& path) { return reader.user(node, path); });
    reader.namedList(root, "contexts", "context", config.m_contexts,
                     [&](const YAML::Node& node, const std::string& path) { return reader.context(node, path); });
    config.m_currentContext = reader.text(root, "current-context", "(top level)");
    return config;
}

Kubeconfig Kubeconfig::parse(const std::string& text, const std::string& origin) {
    return parseIn(text, origin, "");
}

Kubeconfig Kubeconfig::load(const std::vector<std::string>& files, bool mustExist) {
    Kubeconfig merged;
    std::set<std::string> seen;
    for (const auto& file : files) {
        if (file.empty() || !seen.insert(file).second) continue;
        std::error_code error;
        if (!fs::exists(file, error)) {
            if (mustExist) throw ConfigError(file + ": no such kubeconfig file");
            continue;
        }
        const std::string dir = fs::absolute(file, error).parent_path().string();
        merged.mergeFrom(parseIn(readWhole(file), file, dir));
        merged.m_files.push_back(file);
    }
    return merged;
}

// kubectl's rule: the first file to define a name keeps it, as a whole entry;
// the first file to set current-context decides it.
void Kubeconfig::mergeFrom(const Kubeconfig& later) {
    m_clusters.insert(later.m_clusters.begin(), later.m_clusters.end());
    m_users.insert(later.m_users.begin(), later.m_users.end());
    m_contexts.insert(later.m_contexts.begin(), later.m_contexts.end());
    if (m_currentContext.empty()) m_currentContext = later.m_currentContext;
}

}  // namespace meshlings::k8s
