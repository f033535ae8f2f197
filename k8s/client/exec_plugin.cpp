#include "client/exec_plugin.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <system_error>
#include <vector>

#include "client/config_error.hpp"
#include "common/json_access_common.hpp"

extern char** environ;

namespace meshlings::k8s {

namespace {

std::optional<std::chrono::system_clock::time_point> parseTimestamp(const std::string& text) {
    std::tm tm{};
    if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::nullopt;
    // system_clock counts nanoseconds and ends in 2262: later expiries mean "never" anyway.
    constexpr std::time_t kLatest = 7'000'000'000;  // year 2191
    return std::chrono::system_clock::from_time_t(std::min(timegm(&tm), kLatest));
}

std::string seconds(std::chrono::milliseconds span) {
    const auto count = span.count();
    return count % 1000 == 0 ? std::to_string(count / 1000) + " s" : std::to_string(count) + " ms";
}

std::string bytes(std::size_t count) {
    return count % (1024 * 1024) == 0 ? std::to_string(count / (1024 * 1024)) + " MiB"
                                      : std::to_string(count) + " bytes";
}

}  // namespace

std::string ExecPlugin::execInfo(bool interactive) const {
    nlohmann::json spec = {{"interactive", interactive}};
    if (m_config.provideClusterInfo) spec["cluster"] = {{"server", m_server}};
    const std::string version = m_config.apiVersion.empty() ? "client.authentication.k8s.io/v1" : m_config.apiVersion;
    return nlohmann::json{{"apiVersion", version}, {"kind", "ExecCredential"}, {"spec", spec}}.dump();
}

PluginLimits ExecPlugin::limitsFor(bool interactive) const {
    if (m_limits) return *m_limits;
    PluginLimits limits;
    limits.timeout = interactive ? kInteractiveTimeout : kTimeout;
    return limits;
}

ExecCredential ExecPlugin::run(CancelFlag* cancel) const {
    const std::string& command = m_config.command;
    const std::string where = "exec plugin " + command + ": ";
    const bool terminal = isatty(STDIN_FILENO) != 0;
    const bool interactive = terminal && m_config.interactiveMode != "Never";
    if (m_config.interactiveMode == "Always" && !terminal)
        throw ConfigError(where + "interactiveMode is Always but there is no terminal to interact with");
    if (cancel && cancel->cancelled()) throw ConfigError(where + "not started: cancelled");
    std::vector<std::string> argv{command};
    argv.insert(argv.end(), m_config.args.begin(), m_config.args.end());
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) env.emplace_back(*e);
    for (const auto& [name, value] : m_config.env) env.push_back(name + "=" + value);
    env.push_back("KUBERNETES_EXEC_INFO=" + execInfo(interactive));

    std::optional<PluginProcess> process;
    try {
        process.emplace(argv, env, interactive);
    } catch (const std::system_error& e) {
        const std::string hint = m_config.installHint.empty() ? "" : " (" + m_config.installHint + ")";
        throw ConfigError(where + "cannot run it: " + std::strerror(e.code().value()) + hint);
    }
    const PluginLimits limits = limitsFor(interactive);
    PluginOutcome outcome = process->wait(limits, cancel);
    std::string& errors = outcome.errors;
    if (errors.size() > 300) errors.resize(300);
    const std::string stderrText = errors.empty() ? "" : " (its stderr: " + errors + ")";
    using End = PluginOutcome::End;
    switch (outcome.end) {
        case End::TimedOut:
            throw ConfigError(where + "gave no answer within " + seconds(limits.timeout) +
                              "; it and the processes it started were killed" + stderrText);
        case End::Cancelled:
            throw ConfigError(where +
                              "cancelled while waiting for its answer; it and the processes it started "
                              "were killed");
        case End::TooMuchOutput:
            throw ConfigError(where + "printed more than " + bytes(limits.maxOutputBytes) +
                              " on stdout (the limit for an ExecCredential); it was killed");
        case End::Stopped:
            throw ConfigError(where +
                              "stopped to read the terminal, which meshlings keeps; log in with it in a "
                              "shell first, or set interactiveMode: Never");
        case End::Signalled:
            throw ConfigError(where + "exited with signal " + std::to_string(outcome.code) +
                              (errors.empty() ? "" : ": " + errors));
        case End::Exited:
            break;
    }
    if (outcome.code != 0) {
        throw ConfigError(where + "exited with code " + std::to_string(outcome.code) +
                          (errors.empty() ? "" : ": " + errors));
    }
    return parse(outcome.output, m_config.apiVersion, command);
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
