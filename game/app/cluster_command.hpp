#pragma once
// `meshlings cluster`: serves the built-in Bookinfo cluster until SIGINT or
// SIGTERM; optionally over HTTPS, with token or client-certificate
// authentication, and with the fault-injection endpoint for tests.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace meshlings::app {

class ClusterCommand {
public:
    explicit ClusterCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();

private:
    CLI::App* m_command;
    std::string m_listen = "127.0.0.1:0";
    std::string m_ingressListen = "127.0.0.1:0";
    std::string m_kubeconfigOut;
    std::uint64_t m_seed = 1;
    int m_extraPods = 0;
    bool m_tls = false;
    std::string m_auth = "none";
    bool m_faultInjection = false;
};

}  // namespace meshlings::app
