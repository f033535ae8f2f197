// The SafetyController alone, with counting hooks in place of the session's
// director and bridge: the halt (once, quiescing, the rescue finishing), the
// dead man's switch (only after contact was had), arming (once, only with a
// cluster) and, against the built-in cluster served on loopback like a real
// one, the routing the guard saved put back by restoreAtEnd().
#include "app/safety_controller.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/cluster_target.hpp"
#include "client/istio_routing.hpp"
#include "loopback_session.hpp"

using namespace meshlings;
using testing::liveWeights;
using testing::LoopbackCluster;

namespace {

struct Counts {
    std::atomic<int> quiesced{0};
    std::atomic<int> armed{0};
    app::SafetyController::Hooks hooks() {
        return {[this] { ++quiesced; }, [this] { ++armed; }};
    }
};

// Polls the rescue's thread for up to 20 s.
bool rescuedSoon(const app::SafetyController& safety) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < end) {
        if (safety.rescued()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

world::ConnectionChanged safetyLink(world::ConnectionState state) {
    return {state, "", ""};
}

}  // namespace

TEST_CASE("SafetyController: the first halt counts, quiesces, and the rescue finishes; no cluster, no arming") {
    app::ClusterTarget target(meshlings::testing::noClusterTarget("meshlings-safety-test.kubeconfig"));
    Counts counts;
    app::SafetyController safety(target, counts.hooks());
    CHECK(safety.routingGuard() == nullptr);
    CHECK(safety.haltLine().empty());
    CHECK_FALSE(safety.arm());
    CHECK(counts.armed == 0);

    CHECK(safety.halt("the halt key"));
    CHECK_FALSE(safety.halt("SIGUSR1"));
    CHECK(safety.halted());
    REQUIRE(rescuedSoon(safety));
    CHECK(counts.quiesced == 1);
    CHECK(safety.haltLine() ==
          "HALTED by the halt key: chaos is off for the rest of this session; no routing to restore");
    safety.restoreAtEnd();
    CHECK(safety.routingLine().empty());  // no guard: nothing was saved
}

TEST_CASE("SafetyController: the dead man's switch halts only after contact was had") {
    app::ClusterTarget target(meshlings::testing::noClusterTarget("meshlings-safety-test.kubeconfig"));
    Counts counts;
    app::SafetyController safety(target, counts.hooks());
    // No cluster: Failed at the kubeconfig step is no contact lost, and no doctor's verdict either.
    CHECK_FALSE(safety.watch({world::ConnectionState::Failed, "no kubeconfig", "kubeconfig"}, false));
    CHECK_FALSE(safety.watch(safetyLink(world::ConnectionState::Connected), false));
    CHECK_FALSE(safety.watch(safetyLink(world::ConnectionState::Lost), false));  // one watch cut and resumed
    CHECK_FALSE(safety.halted());
    CHECK(safety.watch(safetyLink(world::ConnectionState::Lost), true));
    CHECK(safety.haltLine().rfind("HALTED by the dead man's switch (lost contact with the API server)", 0) == 0);
    CHECK_FALSE(safety.watch(safetyLink(world::ConnectionState::Failed), true));  // once
}

// Issue 17 case 8a. Expected: the doctor's fatal step (permissions) halts naming it, with or without contact
// before. Observed before: "HALTED by the dead man's switch" after contact, and no halt at all before it.
TEST_CASE("SafetyController: the connection doctor's fatal step halts naming it, not the dead man's switch") {
    LoopbackCluster cluster(false, 8);
    app::ClusterTarget target(cluster.options);
    const world::ConnectionChanged failed{world::ConnectionState::Failed, "missing: patch virtualservices in default",
                                          "permissions"};
    Counts counts;
    {
        app::SafetyController safety(target, counts.hooks());
        CHECK_FALSE(safety.watch(safetyLink(world::ConnectionState::Connected), false));
        CHECK(safety.connectionFailure().empty());
        CHECK(safety.watch(failed, false));
        CHECK(safety.connectionFailure() == "step permissions: missing: patch virtualservices in default");
        CHECK(safety.haltLine().rfind("HALTED by the connection doctor (step permissions: missing: patch "
                                      "virtualservices in default)",
                                      0) == 0);
        CHECK_FALSE(safety.watch(failed, false));  // once
        REQUIRE(rescuedSoon(safety));
    }
    app::SafetyController early(target, counts.hooks());  // the doctor's verdict before any contact
    CHECK(early.watch(failed, false));
    CHECK(early.haltReason() == "the connection doctor (step permissions: missing: patch virtualservices in default)");
    REQUIRE(rescuedSoon(early));
}

TEST_CASE("SafetyController: no halt after the end; a halt before it is rescued no more") {
    app::ClusterTarget target(meshlings::testing::noClusterTarget("meshlings-safety-test.kubeconfig"));
    Counts counts;
    app::SafetyController safety(target, counts.hooks());
    safety.restoreAtEnd();
    CHECK_FALSE(safety.halt("the halt key"));
    CHECK_FALSE(safety.halted());
}

TEST_CASE("SafetyController: on a cluster reached by kubeconfig, arming once, and the routing restored at the end") {
    LoopbackCluster cluster(false, 8);
    app::ClusterTarget target(cluster.options);
    k8s::KubeClient client(*target.restConfig());
    k8s::IstioRouting istio(client);
    const auto before = liveWeights(istio);
    Counts counts;
    app::SafetyController safety(target, counts.hooks());
    REQUIRE(safety.routingGuard() != nullptr);
    CHECK_FALSE(safety.armed());
    CHECK(safety.arm());
    CHECK_FALSE(safety.arm());
    CHECK(counts.armed == 1);
    CHECK(safety.armed());

    safety.routingGuard()->apply(world::ReviewsWeights::of(0, 0, 100), false);
    REQUIRE(liveWeights(istio) == world::ReviewsWeights::of(0, 0, 100));
    safety.restoreAtEnd();
    CHECK(counts.quiesced == 1);  // the callers stopped before the restore
    CHECK(safety.routingLine() == "routing: restored as it was before the session");
    CHECK(liveWeights(istio) == before);
    safety.restoreAtEnd();  // idempotent
    CHECK(counts.quiesced == 1);
}
