// The World feeds its resilience score from its commands: accepted deletes,
// shifts and scale downs open windows (dry runs, refusals and scale ups do
// not), probes and pods reach it, the HUD carries its summary, and the level's
// end finishes it.
#include <doctest/doctest.h>

#include "world/model/world.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
using meshlings::world::test::readyPod;
using meshlings::world::test::stepWith;

namespace {

// Steps to `tick` with one good probe every second on the way.
void runTo(World& world, std::int64_t tick, PageOutcome outcome = PageOutcome::Full) {
    while (world.now().value < tick) {
        if (world.now().value % kTicksPerSecond == 0) {
            ProbeResult p;
            p.outcome = outcome;
            p.latencyMs = 40;
            world.submit(ProbeObserved{p});
        }
        world.step();
    }
}

std::uint64_t onlyRequestId(World& world) {
    const auto requests = world.takeRequests();
    REQUIRE(requests.size() == 1);
    return requests[0].id;
}

}  // namespace

TEST_CASE("World: accepted deletes, shifts and scale downs open score windows; dry runs and scale ups do not") {
    NullEffectSink sink;
    Level level;
    level.sloPercent = 90;
    level.safety.allowLastReadyPodDelete = true;  // one pod per Deployment
    World world(level, 1, sink);
    stepWith(world, {ConnectionChanged{ConnectionState::Connected, "", ""},
                     PodUpserted{readyPod("details-v1-a", "details-v1")},
                     PodUpserted{readyPod("ratings-v1-a", "ratings-v1")}, ReplicasObserved{"ratings-v1", 2, 2}});
    runTo(world, ticksFromSeconds(12));
    CHECK(world.hud().resilience.verdict == ScoreVerdict::Pending);
    CHECK_FALSE(world.hud().resilience.steadyJudged);
    CHECK(world.hud().resilience.steady);  // a preview: 10 of 10 good so far

    stepWith(world, {RequestDeletePod{"details-v1-a"}});
    const std::uint64_t dryDelete = onlyRequestId(world);
    stepWith(world, {ApiResult{dryDelete, ApiOutcome::DryRun, ""}});
    CHECK_FALSE(world.resilience().chaosStarted());

    stepWith(world, {RequestScale{"ratings-v1", 3}});
    stepWith(world, {ApiResult{onlyRequestId(world), ApiOutcome::Accepted, ""}});
    CHECK_FALSE(world.resilience().chaosStarted());  // a scale up disrupts nothing

    stepWith(world, {RequestDeletePod{"details-v1-a"}});
    stepWith(world, {ApiResult{onlyRequestId(world), ApiOutcome::Accepted, ""}});
    REQUIRE(world.resilience().windows().size() == 1);
    CHECK(world.resilience().windows()[0].action() ==
          Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"});
    CHECK(world.hud().resilience.steadyJudged);
    CHECK(world.hud().resilience.steady);

    stepWith(world, {RequestWeights{ReviewsWeights::of(50, 0, 50)}});
    stepWith(world, {ApiResult{onlyRequestId(world), ApiOutcome::Accepted, ""}});
    stepWith(world, {RequestScale{"ratings-v1", 1}});
    stepWith(world, {ApiResult{onlyRequestId(world), ApiOutcome::Accepted, ""}});
    const auto& windows = world.resilience().windows();
    REQUIRE(windows.size() == 3);
    CHECK(windows[1].action().kind == DisruptionKind::WeightShift);
    CHECK(windows[1].action().target == "reviews");
    CHECK(windows[2].action() == Disruption{DisruptionKind::ScaleDown, "ratings-v1", ""});

    runTo(world, world.now().value + ticksFromSeconds(5));
    CHECK(world.resilience().windows()[1].total() == 0);  // cut by the scale down at once
    CHECK(world.resilience().windows()[2].total() == 5);
    const ResilienceReport report = world.resilience().report();
    REQUIRE(report.dryRuns.size() == 1);  // listed as not sent, no window
    CHECK(report.dryRuns[0].action == Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"});
    CHECK(world.resilience().config().sloPercent == 90.0);
    CHECK(world.hud().resilience.actions == 3);
    CHECK(world.hud().resilience.headline.has_value());
}

TEST_CASE("World: the level's end finishes the score with its verdict") {
    NullEffectSink sink;
    Level level;
    level.timeLimitSeconds = 40;
    World world(level, 1, sink);
    stepWith(world, {ConnectionChanged{ConnectionState::Connected, "", ""},
                     PodUpserted{readyPod("details-v1-a", "details-v1")}});
    runTo(world, ticksFromSeconds(15));
    stepWith(world, {RequestWeights{ReviewsWeights::of(0, 100, 0)}});
    stepWith(world, {ApiResult{onlyRequestId(world), ApiOutcome::Accepted, ""}});
    runTo(world, ticksFromSeconds(60));
    CHECK(world.rules().ended());
    CHECK(world.resilience().finished());
    const ResilienceReport r = world.resilience().report();
    CHECK(r.verdict == ScoreVerdict::Pass);
    CHECK(*r.headline == doctest::Approx(100.0));
    CHECK(world.hud().resilience.verdict == ScoreVerdict::Pass);
}
