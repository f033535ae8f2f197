#include "app/cluster_command.hpp"

#include <malloc.h>
#include <pthread.h>

#include <csignal>
#include <iostream>

#include "app/listen_address.hpp"
#include "simcluster/server/cluster_server.hpp"

namespace meshlings::app {

ClusterCommand::ClusterCommand(CLI::App& parent) {
    m_command = parent.add_subcommand("cluster",
                                      "Serve the built-in Bookinfo cluster (Kubernetes API and ingress) on loopback");
    m_command->add_option("--listen", m_listen, "Kubernetes API address, HOST:PORT (port 0: any free port)")
        ->capture_default_str();
    m_command->add_option("--ingress-listen", m_ingressListen, "Bookinfo ingress address, HOST:PORT")
        ->capture_default_str();
    m_command->add_option("--kubeconfig-out", m_kubeconfigOut, "Write a kubeconfig for kubectl to this file");
    m_command->add_option("--seed", m_seed, "Seed of the cluster's random choices")->capture_default_str();
    m_command
        ->add_option("--extra-pods", m_extraPods,
                     "Add a Deployment with this many pods in namespace `load` (benchmarks)")
        ->check(CLI::Range(0, 100000))
        ->capture_default_str();
    m_command->add_flag("--tls", m_tls,
                        "Serve the Kubernetes API over HTTPS with a CA made at start (the ingress stays HTTP)");
    m_command
        ->add_option("--auth", m_auth,
                     "Authentication: none, token (bearer tokens) or cert (client certificates; needs --tls)")
        ->check(CLI::IsMember({"none", "token", "cert"}))
        ->capture_default_str();
    m_command->add_flag("--fault-injection", m_faultInjection,
                        "Serve POST/DELETE /meshlings/faults to inject API faults (for client tests)");
}

int ClusterCommand::run() {
    sim::ServeOptions options;
    try {
        const auto api = ListenAddress::parse(m_listen, "--listen");
        const auto ingress = ListenAddress::parse(m_ingressListen, "--ingress-listen");
        options.apiHost = api.host;
        options.apiPort = api.port;
        options.ingressHost = ingress.host;
        options.ingressPort = ingress.port;
        options.auth = sim::Authenticator::parse(m_auth);
        if (options.auth == sim::AuthMode::Cert && !m_tls) throw std::invalid_argument("--auth cert needs --tls");
    } catch (const std::invalid_argument& e) {
        std::cerr << "meshlings cluster: " << e.what() << "\n";
        return 2;
    }
    options.seed = m_seed;
    options.extraPods = m_extraPods;
    options.kubeconfigOut = m_kubeconfigOut;
    options.tls = m_tls;
    options.faultInjection = m_faultInjection;

    // Signals are taken by this thread alone (sigwait), so block them before any thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // Hundreds of worker threads would each get a glibc arena and keep its
    // memory; a few shared arenas keep the server small at no cost in speed.
    mallopt(M_ARENA_MAX, 4);
    sim::ClusterServer server(options);
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "meshlings cluster: " << e.what() << "\n";
        return 1;
    }
    std::cout << "meshlings cluster ready: api " << server.apiUrl() << " ingress " << server.ingressUrl()
              << (m_kubeconfigOut.empty() ? std::string(" (no kubeconfig written; see --kubeconfig-out)")
                                          : " kubeconfig " + m_kubeconfigOut)
              << " seed " << m_seed << " (" << server.mode() << ")" << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    std::cout << "meshlings cluster: stopping (" << (received == SIGINT ? "SIGINT" : "SIGTERM") << ")" << std::endl;
    server.stop();
    return 0;
}

}  // namespace meshlings::app
