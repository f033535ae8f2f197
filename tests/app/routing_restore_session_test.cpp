// A session against a cluster other than the in-process one restores the
// routing when its level ends, while the session is still open (the result
// screen), not only when it is closed. The cluster here is the built-in one
// served on loopback and reached through a kubeconfig, as a real one would be.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "app/cluster_target.hpp"
#include "app/game_session.hpp"
#include "bridge/routing_recovery.hpp"
#include "bridge/weights_reader.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "loopback_session.hpp"
#include "simcluster/server/cluster_server.hpp"

using namespace meshlings;
using testing::liveWeights;
using testing::LoopbackCluster;
using testing::tickUntil;

namespace {}  // namespace

TEST_CASE("the end of a level restores the routing its initial weights changed") {
    LoopbackCluster cluster(true, 5);
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
    LoopbackCluster cluster(true, 5);
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
