#pragma once
// The built-in cluster served in-process on loopback ports chosen by the
// system, and a RestConfig that reaches it the way a kubeconfig would.
#include <filesystem>
#include <fstream>
#include <string>

#include "client/kube_client.hpp"
#include "client/rest_config.hpp"
#include "simcluster/server/cluster_server.hpp"

namespace meshlings::k8s::testing {

class ClusterFixture {
public:
    explicit ClusterFixture(sim::ServeOptions options = defaults()) : m_server(std::move(options)) { m_server.start(); }

    static sim::ServeOptions defaults() {
        sim::ServeOptions options;
        options.seed = 7;
        options.watchHistory = 1000;
        return options;
    }

    sim::ClusterServer& server() { return m_server; }

    // The kubeconfig the server writes, read back through the client's own loader.
    RestConfig restConfig(const std::string& context = "") {
        const auto path = writeKubeconfig();
        ConnectionOptions options;
        options.kubeconfig = path;
        options.context = context;
        return resolveRestConfig(options);
    }

    std::string writeKubeconfig() {
        const auto path =
            std::filesystem::temp_directory_path() /
            ("meshlings-client-test-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".kubeconfig");
        std::ofstream(path) << m_server.kubeconfig();
        return path.string();
    }

    // Unthrottled, so tests do not wait on the client-side rate limit.
    KubeClient client(const std::string& context = "") {
        ClientOptions options;
        options.qps = -1;
        return KubeClient(restConfig(context), options);
    }

private:
    sim::ClusterServer m_server;
};

}  // namespace meshlings::k8s::testing
