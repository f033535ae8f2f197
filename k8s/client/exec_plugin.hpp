#pragma once
// Runs a kubeconfig exec credential plugin (client.authentication.k8s.io v1
// or v1beta1): the command with its args and env plus KUBERNETES_EXEC_INFO,
// stdin passed through only when interaction is allowed and possible, and
// reads the ExecCredential it prints. What it prints is secret: errors quote
// the plugin's stderr, never its stdout.
#include <chrono>
#include <optional>
#include <string>

#include "client/kubeconfig.hpp"

namespace meshlings::k8s {

struct ExecCredential {
    std::string token;
    std::string clientCertPem;
    std::string clientKeyPem;
    std::optional<std::chrono::system_clock::time_point> expiry;  // none: valid until a 401
};

class ExecPlugin {
public:
    ExecPlugin(ExecConfig config, std::string server) : m_config(std::move(config)), m_server(std::move(server)) {}

    // Runs the plugin; throws ConfigError naming the command and what went
    // wrong (not found, exit code, timeout, output not an ExecCredential).
    ExecCredential run() const;

    // Parses what a plugin printed; exposed for tests and fuzzing.
    static ExecCredential parse(const std::string& output, const std::string& expectedApiVersion,
                                const std::string& command);

private:
    std::string execInfo(bool interactive) const;

    ExecConfig m_config;
    std::string m_server;
};

}  // namespace meshlings::k8s
