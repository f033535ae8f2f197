#include "client/exec_plugin.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <vector>

#include "client/config_error.hpp"
#include "common/json_access_common.hpp"

extern char** environ;

namespace meshlings::k8s {

namespace {

constexpr int kTimeoutMs = 60'000;

struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() {
        if (pipe2(fds, O_CLOEXEC) != 0)
            throw ConfigError(std::string("exec plugin: cannot create a pipe: ") + std::strerror(errno));
    }
    ~Pipe() {
        closeEnd(0);
        closeEnd(1);
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void closeEnd(int end) {
        if (fds[end] >= 0) close(fds[end]);
        fds[end] = -1;
    }
};

std::optional<std::chrono::system_clock::time_point> parseTimestamp(const std::string& text) {
    std::tm tm{};
    if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::nullopt;
    // system_clock counts nanoseconds and ends in 2262: later expiries mean "never" anyway.
    constexpr std::time_t kLatest = 7'000'000'000;  // year 2191
    return std::chrono::system_clock::from_time_t(std::min(timegm(&tm), kLatest));
}

// Reads both pipes until they close or the deadline passes.
bool drain(int outFd, int errFd, std::string& out, std::string& err) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTimeoutMs);
    std::array<pollfd, 2> fds{pollfd{outFd, POLLIN, 0}, pollfd{errFd, POLLIN, 0}};
    int open = 2;
    char buffer[4096];
    while (open > 0) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        if (poll(fds.data(), fds.size(), static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
        for (std::size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? out : err).append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                --open;
            }
        }
    }
    return true;
}

}  // namespace

std::string ExecPlugin::execInfo(bool interactive) const {
    nlohmann::json spec = {{"interactive", interactive}};
    if (m_config.provideClusterInfo) spec["cluster"] = {{"server", m_server}};
    const std::string version = m_config.apiVersion.empty() ? "client.authentication.k8s.io/v1" : m_config.apiVersion;
    return nlohmann::json{{"apiVersion", version}, {"kind", "ExecCredential"}, {"spec", spec}}.dump();
}

ExecCredential ExecPlugin::run() const {
    const std::string& command = m_config.command;
    const bool terminal = isatty(STDIN_FILENO) != 0;
    const bool interactive = terminal && m_config.interactiveMode != "Never";
    if (m_config.interactiveMode == "Always" && !terminal) {
        throw ConfigError("exec plugin " + command +
                          ": interactiveMode is Always but there is no terminal to interact with");
    }
    std::vector<std::string> argStore{command};
    argStore.insert(argStore.end(), m_config.args.begin(), m_config.args.end());
    std::vector<std::string> envStore;
    for (char** e = environ; *e; ++e) envStore.emplace_back(*e);
    for (const auto& [name, value] : m_config.env) envStore.push_back(name + "=" + value);
    envStore.push_back("KUBERNETES_EXEC_INFO=" + execInfo(interactive));
    std::vector<char*> argv;
    for (auto& arg : argStore) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& entry : envStore) envp.push_back(entry.data());
    envp.push_back(nullptr);

    Pipe out;
    Pipe err;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!interactive) posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out.fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err.fds[1], STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, command.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        std::string hint = m_config.installHint.empty() ? "" : " (" + m_config.installHint + ")";
        throw ConfigError("exec plugin " + command + ": cannot run it: " + std::strerror(spawned) + hint);
    }
    out.closeEnd(1);
    err.closeEnd(1);
    std::string output;
    std::string errors;
    const bool finished = drain(out.fds[0], err.fds[0], output, errors);
    if (!finished) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished) throw ConfigError("exec plugin " + command + ": gave no answer within 60 s");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        if (errors.size() > 300) errors.resize(300);
        throw ConfigError(
            "exec plugin " + command + ": exited with " +
            (WIFEXITED(status) ? "code " + std::to_string(WEXITSTATUS(status)) : std::string("a signal")) +
            (errors.empty() ? "" : ": " + errors));
    }
    return parse(output, m_config.apiVersion, command);
}

ExecCredential ExecPlugin::parse(const std::string& output, const std::string& expectedApiVersion,
                                 const std::string& command) {
    const auto document = nlohmann::json::parse(output, nullptr, false);
    const std::string where = "exec plugin " + command + ": ";
    if (!document.is_object())
        throw ConfigError(where + "did not print an ExecCredential (output is not a JSON object)");
    if (json_access::text(document, "kind") != "ExecCredential")
        throw ConfigError(where + "printed a JSON object whose kind is not ExecCredential");
    const std::string version = json_access::text(document, "apiVersion");
    if (!expectedApiVersion.empty() && version != expectedApiVersion) {
        throw ConfigError(where + "printed apiVersion \"" + version + "\" but the kubeconfig asks for " +
                          expectedApiVersion);
    }
    const auto& status = json_access::object(document, "status");
    ExecCredential credential;
    credential.token = json_access::text(status, "token");
    credential.clientCertPem = json_access::text(status, "clientCertificateData");
    credential.clientKeyPem = json_access::text(status, "clientKeyData");
    if (credential.token.empty() && (credential.clientCertPem.empty() || credential.clientKeyPem.empty())) {
        throw ConfigError(where + "status has neither a token nor clientCertificateData and clientKeyData");
    }
    const std::string expiry = json_access::text(status, "expirationTimestamp");
    if (!expiry.empty()) {
        credential.expiry = parseTimestamp(expiry);
        if (!credential.expiry)
            throw ConfigError(where + "status.expirationTimestamp \"" + expiry + "\" is not an RFC 3339 time");
    }
    return credential;
}

}  // namespace meshlings::k8s
