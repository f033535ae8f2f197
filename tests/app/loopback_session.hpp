#pragma once
// What the session tests against a cluster reached through a kubeconfig
// share: the built-in cluster served on loopback with its kubeconfig in a
// private state home, ticking a session until something holds, and the
// reviews weights the cluster really has.
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include "../bridge/state_home.hpp"
#include "app/cluster_target.hpp"
#include "app/game_session.hpp"
#include "app/session_loop.hpp"
#include "bridge/weights_reader.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "simcluster/server/cluster_server.hpp"

namespace meshlings::testing {

// A target whose kubeconfig does not exist: a session with no cluster at all.
inline app::TargetOptions noClusterTarget(const std::string& kubeconfigName) {
    app::TargetOptions options;
    options.builtIn = false;
    options.connection.kubeconfig = "/nonexistent/" + kubeconfigName;
    return options;
}

inline bool tickUntil(app::GameSession& session, const std::function<bool()>& done, int seconds = 30) {
    app::SessionLoop::Frame frame;
    frame.done = done;
    frame.durationSeconds = seconds;
    frame.minFrameSeconds = 0.016;
    return app::SessionLoop(session, nullptr).run(frame) == app::SessionLoop::End::Done;
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
