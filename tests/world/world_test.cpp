// The World's command handling: player actions become cluster requests, the
// budget refuses with a reason, in-flight tracking, pause, HUD figures.
#include "world/model/world.hpp"

#include <doctest/doctest.h>

#include "collecting_sink.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
using meshlings::world::test::CollectingSink;
using meshlings::world::test::readyPod;
using meshlings::world::test::stepWith;

namespace {

Level budgetLevel() {
    Level level;
    level.id = "budget";
    level.budget.deletes = 1;
    level.budget.shifts = 1;
    level.budget.scales = 0;
    return level;
}

}  // namespace

TEST_CASE("World: step advances one tick and applies commands stamped with it") {
    NullEffectSink sink;
    World world(Level{}, 1, sink);
    std::vector<std::pair<Tick, std::string>> seen;
    world.setCommandListener([&](Tick t, const Command& c) { seen.emplace_back(t, std::string{commandVerb(c)}); });
    CHECK(world.now() == Tick{0});
    world.submit(SetPaused{true});
    world.step();
    world.step();
    world.submit(SetPaused{false});
    world.step();
    CHECK(world.now() == Tick{3});
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].first == Tick{0});
    CHECK(seen[1].first == Tick{2});
}

TEST_CASE("World: a delete is queued as a request, in flight until its result; the budget refuses the next") {
    CollectingSink sink;
    World world(budgetLevel(), 1, sink);
    stepWith(world, {PodUpserted{readyPod("details-v1-a", "details-v1")},
                     PodUpserted{readyPod("details-v1-b", "details-v1")}});
    stepWith(world, {RequestDeletePod{"details-v1-a"}});
    const auto requests = world.takeRequests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].kind == ClusterRequestKind::DeletePod);
    CHECK(requests[0].pod == "details-v1-a");
    CHECK(requests[0].deployment == "details-v1");
    CHECK(world.pods().find("details-v1-a")->requestInFlight == requests[0].id);
    CHECK(world.hud().requestsInFlight == 1);
    CHECK(world.hud().budget.deletes == 0);

    stepWith(world, {RequestDeletePod{"details-v1-b"}});
    CHECK(world.takeRequests().empty());
    CHECK(sink.hasMessage("no deletes left in the budget"));
    CHECK(world.hud().lastMessage == "no deletes left in the budget");

    stepWith(world, {ApiResult{requests[0].id, ApiOutcome::Refused, "Forbidden: pods is forbidden"}});
    CHECK_FALSE(world.pods().find("details-v1-a")->requestInFlight.has_value());
    CHECK(world.hud().requestsInFlight == 0);
    CHECK(world.hud().budget.deletes == 1);  // a refused call gives its budget back
    CHECK(sink.hasMessage("Forbidden"));

    stepWith(world, {RequestScale{"details-v1", 3}});
    CHECK(world.takeRequests().empty());
    CHECK(sink.hasMessage("no scales left"));
}

TEST_CASE("World: refusals without a call: unknown pod, terminating pod, bad weights, bad replicas") {
    CollectingSink sink;
    World world(Level{}, 1, sink);
    PodObservation going = readyPod("ratings-v1-a", "ratings-v1");
    going.state = PodState::Terminating;
    stepWith(world, {PodUpserted{going}, RequestDeletePod{"nope"}, RequestDeletePod{"ratings-v1-a"},
                     RequestWeights{ReviewsWeights::of(50, 30, 30)}, RequestScale{"ratings-v1", 99}});
    CHECK(world.takeRequests().empty());
    CHECK(sink.hasMessage("no pod named nope"));
    CHECK(sink.hasMessage("already terminating"));
    CHECK(sink.hasMessage("add up to 100"));
    CHECK(sink.hasMessage("replicas must be 0..10"));
}

TEST_CASE("World: a dry-run delete leaves a ghost for a while; weights show as observed, not as asked") {
    CollectingSink sink;
    Level level;
    level.safety.allowLastReadyPodDelete = true;  // reviews-v1 has one pod
    World world(level, 1, sink);
    stepWith(world, {PodUpserted{readyPod("reviews-v1-a", "reviews-v1")}, RequestDeletePod{"reviews-v1-a"},
                     RequestWeights{ReviewsWeights::of(0, 0, 100)}});
    const auto requests = world.takeRequests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].weights == ReviewsWeights::of(0, 0, 100));
    stepWith(world,
             {ApiResult{requests[0].id, ApiOutcome::DryRun, ""}, ApiResult{requests[1].id, ApiOutcome::Accepted, ""}});
    CHECK(world.pods().find("reviews-v1-a")->ghostUntil > world.now());
    CHECK(sink.hasMessage("dry run"));
    CHECK_FALSE(world.hud().weights.defined);
    stepWith(world, {WeightsObserved{ReviewsWeights::of(0, 20, 80)}});  // kubectl got there first
    CHECK(world.hud().weights == ReviewsWeights::of(0, 20, 80));
}

TEST_CASE("World: probes feed the HUD figures and spawn meshlings; pause freezes them") {
    NullEffectSink sink;
    World world(Level{}, 5, sink);
    ProbeResult good;
    good.reviewsVersion = ReviewsVersion::V1;
    good.latencyMs = 100;
    ProbeResult slow = good;
    slow.latencyMs = 2000;
    ProbeResult failed;
    failed.outcome = PageOutcome::Failed;
    failed.failedAt = PagePart::Ingress;
    ProbeResult degraded;
    degraded.outcome = PageOutcome::Degraded;
    degraded.failedAt = PagePart::Details;
    stepWith(world, {ConnectionChanged{ConnectionState::Failed, "connection refused", "TCP connect"}});
    CHECK(world.hud().failedStep == "TCP connect");
    stepWith(world, {ProbeObserved{good}, ProbeObserved{good}, ProbeObserved{slow}, ProbeObserved{failed},
                     ProbeObserved{degraded}});
    const HudFigures h = world.hud();
    CHECK(h.requests == 5);
    CHECK(h.saved == 3);
    CHECK(h.degraded == 1);
    CHECK(h.lost == 1);
    CHECK(*h.successPercent == doctest::Approx(40.0));
    CHECK(*h.p50Ms == 100);
    CHECK(*h.p99Ms == 2000);
    CHECK(h.meshlings == 5);
    CHECK(h.connection == ConnectionState::Failed);

    stepWith(world, {SetPaused{true}});
    const Vec2 before = world.meshlings().all()[0].position();
    for (int i = 0; i < 30; ++i) world.step();
    CHECK(world.meshlings().all()[0].position() == before);
    stepWith(world, {ProbeObserved{good}});
    CHECK(world.hud().requests == 6);  // counted while paused, but not drawn
    CHECK(world.hud().meshlings == 5);
    CHECK(world.hud().paused);

    for (int i = 0; i < static_cast<int>(RequestStats::kWindowTicks) + 1; ++i) world.step();
    CHECK_FALSE(world.hud().successPercent.has_value());  // the window moved past them
    CHECK(*world.hud().sessionSuccessPercent == doctest::Approx(50.0));
}
