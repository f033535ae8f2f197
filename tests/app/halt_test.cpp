// Halt-all, the dead man's switch and arming, through GameSession against
// the built-in cluster: on the in-process one (the reviews routing put back
// as the session found it) and on one served on loopback and reached through
// a kubeconfig like a real one (the RoutingGuard restores, retried while the
// API answers 500; a disarmed session makes real changes only after arm()).
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "app/cluster_target.hpp"
#include "app/game_session.hpp"
#include "bridge/weights_reader.hpp"
#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "loopback_session.hpp"
#include "simcluster/server/cluster_server.hpp"

using namespace meshlings;
using testing::liveWeights;
using testing::LoopbackCluster;
using testing::tickUntil;

namespace {

int replicas(k8s::KubeClient& client, const std::string& deployment) {
    return k8s::getDeployment(client, deployment)["spec"]["replicas"].get<int>();
}

bool bannerSays(const app::GameSession& session, const std::string& text) {
    return session.banner().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("halt: no scripted change after it, later changes refused, the built-in cluster's routing put back") {
    app::TargetOptions options;
    options.seed = 4;
    app::ClusterTarget target(options);
    k8s::KubeClient client(*target.restConfig());
    k8s::IstioRouting istio(client);
    const auto before = liveWeights(istio);
    REQUIRE(before != world::ReviewsWeights::of(0, 100, 0));
    const int detailsBefore = replicas(client, "details-v1");

    world::Level level;
    level.id = "halt";
    level.initialWeights = {{"v2", 100}};
    world::ScriptedChange scripted;
    scripted.atSecond = 3;
    scripted.change.deployment = "details-v1";
    scripted.change.replicas = detailsBefore + 2;
    level.script.push_back(scripted);
    world::NullEffectSink effects;
    app::GameSession session(level, 4, target, effects);
    session.start();
    REQUIRE(tickUntil(session, [&] { return liveWeights(istio) == world::ReviewsWeights::of(0, 100, 0); }));
    REQUIRE(session.world().rules().elapsedTicks() < 2 * world::kTicksPerSecond);

    session.halt("the halt key");
    CHECK(session.halted());
    CHECK(bannerSays(session, "HALTED by the halt key: chaos is off for the rest of this session"));
    REQUIRE(tickUntil(session, [&] { return session.routingRescued(); }));
    CHECK(liveWeights(istio) == before);
    CHECK(bannerSays(session, "routing restored"));

    // The player's own change after the halt is refused too; the scripted change's time passes unused.
    session.submit(world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)});
    REQUIRE(tickUntil(session, [&] { return session.world().rules().elapsedTicks() > 5 * world::kTicksPerSecond; }));
    CHECK(liveWeights(istio) == before);
    CHECK(replicas(client, "details-v1") == detailsBefore);
    // The watches go on: the session still sees the cluster.
    CHECK(session.world().connection().state == world::ConnectionState::Connected);
    session.finish();
}

TEST_CASE("without a halt the same level's scripted change is made (the test above can fail)") {
    app::TargetOptions options;
    options.seed = 4;
    app::ClusterTarget target(options);
    k8s::KubeClient client(*target.restConfig());
    const int detailsBefore = replicas(client, "details-v1");
    world::Level level;
    level.id = "no-halt";
    world::ScriptedChange scripted;
    scripted.atSecond = 1;
    scripted.change.deployment = "details-v1";
    scripted.change.replicas = detailsBefore + 2;
    level.script.push_back(scripted);
    world::NullEffectSink effects;
    app::GameSession session(level, 4, target, effects);
    session.start();
    CHECK(tickUntil(session, [&] { return replicas(client, "details-v1") == detailsBefore + 2; }));
    session.finish();
}

TEST_CASE("dead man's switch: contact lost, chaos stops, the restore is retried until the API answers again") {
    LoopbackCluster cluster(true, 6);
    sim::ClusterServer& server = cluster.server;
    app::ClusterTarget target(cluster.options);
    k8s::KubeClient client(*target.restConfig());
    k8s::IstioRouting istio(client);
    REQUIRE_FALSE(liveWeights(istio));

    world::Level level;
    level.id = "dead-man";
    level.initialWeights = {{"v1", 100}};
    world::NullEffectSink effects;
    app::GameSession session(level, 6, target, effects);
    session.start();
    REQUIRE(tickUntil(session, [&] {
        return session.world().connection().state == world::ConnectionState::Connected &&
               liveWeights(istio) == world::ReviewsWeights::of(100, 0, 0);
    }));

    // Every request answered 500, the open watches cut: the watches cannot come back.
    sim::FaultRule down;
    down.times = -1;
    down.status = 500;
    server.faults().add(down);
    server.restartApi();
    REQUIRE(tickUntil(session, [&] { return session.halted(); }));
    CHECK(bannerSays(session, "HALTED by the dead man's switch (lost contact with the API server)"));
    REQUIRE(tickUntil(session, [&] { return bannerSays(session, "retrying"); }));
    CHECK_FALSE(session.routingRescued());

    server.faults().clear();
    REQUIRE(tickUntil(session, [&] { return session.routingRescued(); }));
    CHECK_FALSE(liveWeights(istio));  // the game created it: deleted again
    CHECK(bannerSays(session, "routing restored"));
    session.finish();
}

TEST_CASE("a disarmed session changes nothing until arm(), then the player's change is real") {
    LoopbackCluster cluster(false, 6);
    app::ClusterTarget target(cluster.options);
    k8s::KubeClient client(*target.restConfig());
    k8s::IstioRouting istio(client);
    world::Level level;
    level.id = "arming";
    world::NullEffectSink effects;
    app::GameSession session(level, 6, target, effects);
    session.start();
    CHECK_FALSE(session.armed());
    CHECK(bannerSays(session, "DRY RUN"));
    const auto context = session.armingContext();
    REQUIRE(context.size() == 3);
    CHECK(context[1].find(target.restConfig()->server) != std::string::npos);
    CHECK(context[2].find(target.restConfig()->nameSpace) != std::string::npos);
    REQUIRE(
        tickUntil(session, [&] { return session.world().connection().state == world::ConnectionState::Connected; }));

    session.submit(world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)});
    // The call is made and answered (a dry run); nothing changes.
    bool sent = false;
    REQUIRE(tickUntil(session, [&] {
        const bool inFlight = !session.world().actions().inFlight().empty();
        sent = sent || inFlight;
        return sent && !inFlight;
    }));
    CHECK_FALSE(liveWeights(istio));

    session.arm();
    CHECK(session.armed());
    CHECK_FALSE(bannerSays(session, "DRY RUN"));
    session.submit(world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)});
    REQUIRE(tickUntil(session, [&] { return liveWeights(istio) == world::ReviewsWeights::of(0, 0, 100); }));
    session.finish();
    CHECK_FALSE(liveWeights(istio));  // restored at the end, as any armed session
}
