#pragma once
// What the session tests against a cluster reached through a kubeconfig
// share: the built-in cluster served on loopback with its kubeconfig in a
// private state home, ticking a session until something holds, and the
// reviews weights the cluster really has.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <thread>

#include "../bridge/state_home.hpp"
#include "cluster_server.hpp"
#include "cluster_target.hpp"
#include "game_session.hpp"
#include "istio_routing.hpp"
#include "status_error.hpp"
#include "weights_reader.hpp"

namespace meshlings::testing {

inline bool tickUntil(app::GameSession& session, const std::function<bool()>& done, int seconds = 30) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        session.tick();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    return false;
}

// The reviews VirtualService's weights, or nullopt when there is none.
inline std::optional<world::ReviewsWeights> liveWeights(k8s::IstioRouting& istio) {
    try {
        const auto vs = istio.getVirtualService("reviews");
        return bridge::WeightsReader::read(&vs);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return std::nullopt;
        throw;
    }
}

// The built-in cluster on loopback and a target that reaches it through a kubeconfig.
struct LoopbackCluster {
    LoopbackCluster(bool armed, std::uint64_t seed) : server(serveOptions(seed)) {
        server.start();
        std::ofstream(kubeconfig) << server.kubeconfig();
        options.builtIn = false;
        options.connection.kubeconfig = kubeconfig.string();
        options.armed = armed;
    }
    ~LoopbackCluster() { server.stop(); }
    static sim::ServeOptions serveOptions(std::uint64_t seed) {
        sim::ServeOptions serve;
        serve.seed = seed;
        return serve;
    }

    StateHome home;
    sim::ClusterServer server;
    std::filesystem::path kubeconfig = home.path() / "cluster.kubeconfig";
    app::TargetOptions options;
};

}  // namespace meshlings::testing
