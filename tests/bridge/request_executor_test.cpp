// The RequestExecutor against the built-in cluster served in-process: the
// one executor for every request. SetWeights goes through the RoutingGuard
// when there is one (the routing is saved first), restoreRoutingSoon() puts
// it back behind the calls queued before it, and after stopRouting() no
// routing call is made while the other requests still are.
#include "bridge/request_executor.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "bridge/routing_guard.hpp"
#include "client/core_calls.hpp"
#include "cluster_fixture.hpp"
#include "state_home.hpp"

using namespace meshlings;
using k8s::testing::ClusterFixture;

namespace {

world::ClusterRequest weights(std::uint64_t id, world::ReviewsWeights to) {
    world::ClusterRequest r;
    r.id = id;
    r.kind = world::ClusterRequestKind::SetWeights;
    r.weights = to;
    return r;
}

// Polls `done` (the executor's thread answers) for up to 20 s.
bool waitFor(const std::function<bool()>& done) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace

TEST_CASE("RequestExecutor: SetWeights through the RoutingGuard, restored by restoreRoutingSoon after the queue") {
    const testing::StateHome home;
    ClusterFixture fixture;
    const k8s::RestConfig config = fixture.restConfig();
    bridge::RoutingGuard guard(config);
    bridge::RequestExecutor executor(config, true, &guard);
    executor.execute(weights(7, world::ReviewsWeights::of(0, 0, 100)));
    executor.restoreRoutingSoon();
    std::vector<std::string> notes;
    REQUIRE(waitFor([&] {
        for (auto& note : executor.takeNotes()) notes.push_back(std::move(note));
        return !notes.empty();
    }));
    CHECK(notes[0].rfind("routing restored at the end of the level:", 0) == 0);
    const auto results = executor.takeResults();
    REQUIRE(results.size() == 1);
    CHECK(results[0].requestId == 7);
    CHECK(results[0].outcome == world::ApiOutcome::Accepted);
    CHECK_FALSE(guard.holding());

    // A direct call saves first: the guard holds the routing until a restore.
    CHECK(executor.run(weights(8, world::ReviewsWeights::of(100, 0, 0)), false).outcome == world::ApiOutcome::Accepted);
    CHECK(guard.holding());
    CHECK(guard.restore().ok());
}

TEST_CASE("RequestExecutor: after stopRouting no routing call is made; the other requests still are") {
    const testing::StateHome home;
    ClusterFixture fixture;
    const k8s::RestConfig config = fixture.restConfig();
    bridge::RoutingGuard guard(config);
    bridge::RequestExecutor executor(config, true, &guard);
    executor.stopRouting();
    executor.execute(weights(1, world::ReviewsWeights::of(0, 0, 100)));
    executor.restoreRoutingSoon();
    world::ClusterRequest scale;
    scale.id = 2;
    scale.kind = world::ClusterRequestKind::ScaleDeployment;
    scale.deployment = "details-v1";
    scale.replicas = 2;
    executor.execute(scale);
    std::vector<world::ApiResult> results;
    REQUIRE(waitFor([&] {
        for (auto& result : executor.takeResults()) results.push_back(std::move(result));
        return !results.empty();
    }));
    REQUIRE(results.size() == 1);
    CHECK(results[0].requestId == 2);
    CHECK(results[0].outcome == world::ApiOutcome::Accepted);
    CHECK_FALSE(guard.holding());  // the SetWeights queued before the scale was never made
    CHECK(executor.takeNotes().empty());
}
