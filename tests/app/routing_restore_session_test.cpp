// A session against a cluster other than the in-process one restores the
// routing when its level ends, while the session is still open (the result
// screen), not only when it is closed. The cluster here is the built-in one
// served on loopback and reached through a kubeconfig, as a real one would be.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "../bridge/state_home.hpp"
#include "cluster_server.hpp"
#include "cluster_target.hpp"
#include "game_session.hpp"
#include "istio_routing.hpp"
#include "routing_recovery.hpp"
#include "status_error.hpp"
#include "weights_reader.hpp"

using namespace meshlings;

namespace {

bool tickUntil(app::GameSession& session, const std::function<bool()>& done, int seconds = 30) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        session.tick();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    return false;
}

// The reviews VirtualService's weights, or nullopt when there is none.
std::optional<world::ReviewsWeights> liveWeights(k8s::IstioRouting& istio) {
    try {
        const auto vs = istio.getVirtualService("reviews");
        return bridge::WeightsReader::read(&vs);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return std::nullopt;
        throw;
    }
}

// The built-in cluster on loopback and a target that reaches it through a kubeconfig, armed.
struct LoopbackCluster {
    LoopbackCluster() : server(serveOptions()) {
        server.start();
        std::ofstream(kubeconfig) << server.kubeconfig();
        options.builtIn = false;
        options.connection.kubeconfig = kubeconfig.string();
        options.armed = true;
    }
    ~LoopbackCluster() { server.stop(); }
    static sim::ServeOptions serveOptions() {
        sim::ServeOptions serve;
        serve.seed = 5;
        return serve;
    }

    testing::StateHome home;
    sim::ClusterServer server;
    std::filesystem::path kubeconfig = home.path() / "cluster.kubeconfig";
    app::TargetOptions options;
};

}  // namespace

TEST_CASE("the end of a level restores the routing its initial weights changed") {
    LoopbackCluster cluster;
    app::ClusterTarget target(cluster.options);
    REQUIRE(target.restConfig());
    k8s::KubeClient client(*target.restConfig());
    k8s::IstioRouting istio(client);
    REQUIRE_FALSE(liveWeights(istio));

    world::Level level;
    level.id = "short";
    level.initialWeights = {{"v1", 100}};
    level.timeLimitSeconds = 2;
    world::NullEffectSink effects;
    app::GameSession session(level, 5, target, effects);
    session.start();
    REQUIRE(tickUntil(session, [&] { return liveWeights(istio) == world::ReviewsWeights::of(100, 0, 0); }));
    REQUIRE(tickUntil(session, [&] { return session.world().rules().ended(); }));
    REQUIRE(tickUntil(session, [&] { return !liveWeights(istio); }));  // restored while the session goes on
    REQUIRE(tickUntil(session, [&] {
        return session.banner().find("routing restored at the end of the level") != std::string::npos;
    }));
    session.finish();
    CHECK(session.summary(1).find("routing: as before the session") != std::string::npos);
    CHECK_FALSE(liveWeights(istio));
}

TEST_CASE("an error that ends a session restores the routing (the session's destructor)") {
    LoopbackCluster cluster;
    app::ClusterTarget target(cluster.options);
    k8s::KubeClient client(*target.restConfig());
    k8s::IstioRouting istio(client);
    world::Level level;
    level.id = "fault";
    level.initialWeights = {{"v2", 100}};
    world::NullEffectSink effects;
    try {
        app::GameSession session(level, 5, target, effects);
        session.start();
        REQUIRE(tickUntil(session, [&] { return liveWeights(istio) == world::ReviewsWeights::of(0, 100, 0); }));
        REQUIRE(bridge::RoutingRecovery::fileFor(*target.restConfig()).exists());
        throw std::runtime_error("a fault mid-session");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "a fault mid-session");
    }
    CHECK_FALSE(liveWeights(istio));
    CHECK_FALSE(bridge::RoutingRecovery::fileFor(*target.restConfig()).exists());
}
