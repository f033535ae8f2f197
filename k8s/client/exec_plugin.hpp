#pragma once
// Runs a kubeconfig exec credential plugin (client.authentication.k8s.io v1
// or v1beta1): the command with its args and env plus KUBERNETES_EXEC_INFO,
// stdin passed through only when interaction is allowed and possible, and
// reads the ExecCredential it prints. What it prints is secret: errors quote
// the plugin's stderr, never its stdout. Each run is a PluginProcess: its own
// process group, a deadline, a cap on what is read, killed on a cancel.
//
// The deadline. client-go (plugin/pkg/client/auth/exec/exec.go) runs the
// plugin with cmd.Run() and no deadline at all, one run at a time under the
// Authenticator's mutex; kubernetes/kubernetes#108849 ("plumb request context
// to the exec call") was closed in 2025 without it, so as not to kill plugins
// that are slow on a first login. A game must not wait for ever, so we keep a
// deadline, long enough for such a login: 60 s when no one can interact with
// the plugin, 5 minutes when it has the terminal (a person may be typing).
// Ctrl-C (a CancelFlag) ends it at any time.
#include <chrono>
#include <optional>
#include <string>

#include "client/cancel_flag.hpp"
#include "client/kubeconfig.hpp"
#include "client/plugin_process.hpp"

namespace meshlings::k8s {

struct ExecCredential {
    std::string token;
    std::string clientCertPem;
    std::string clientKeyPem;
    std::optional<std::chrono::system_clock::time_point> expiry;  // none: valid until a 401
};

class ExecPlugin {
public:
    static constexpr std::chrono::milliseconds kTimeout{60'000};
    static constexpr std::chrono::milliseconds kInteractiveTimeout{300'000};

    // `limits` empty: the defaults above (PluginLimits' caps).
    ExecPlugin(ExecConfig config, std::string server, std::optional<PluginLimits> limits = std::nullopt)
        : m_config(std::move(config)), m_server(std::move(server)), m_limits(limits) {}

    // Runs the plugin; throws ConfigError naming the command, the step and
    // what went wrong (cannot start, exit code, deadline, too much output,
    // cancelled, output not an ExecCredential). `cancel` (may be null) kills
    // the run's process group from any thread.
    ExecCredential run(CancelFlag* cancel = nullptr) const;

    const ExecConfig& config() const { return m_config; }

    // Parses what a plugin printed; exposed for tests and fuzzing.
    static ExecCredential parse(const std::string& output, const std::string& expectedApiVersion,
                                const std::string& command);

private:
    std::string execInfo(bool interactive) const;
    PluginLimits limitsFor(bool interactive) const;

    ExecConfig m_config;
    std::string m_server;
    std::optional<PluginLimits> m_limits;
};

}  // namespace meshlings::k8s
