// Level rules: each objective kind met and failed, the clock, the end of a
// level, the sandbox.
#include "world/level/level_rules.hpp"

#include <doctest/doctest.h>

#include "collecting_sink.hpp"
#include "world/model/world.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
using meshlings::world::test::CollectingSink;

namespace {

Level levelWith(Objective objective, int seconds = 10) {
    Level level;
    level.id = "rules";
    level.objectives = {objective};
    level.timeLimitSeconds = seconds;
    return level;
}

Objective make(ObjectiveKind kind) {
    Objective o;
    o.kind = kind;
    return o;
}

ProbeResult result(PageOutcome outcome, int latency = 50) {
    ProbeResult p;
    p.outcome = outcome;
    p.latencyMs = latency;
    if (outcome != PageOutcome::Full) p.failedAt = PagePart::Details;
    return p;
}

// Steps the rules (clock running) until the level ends or `ticks` pass.
void run(LevelRules& rules, const RequestStats& stats, EffectSink& sink, std::int64_t ticks) {
    for (std::int64_t i = 0; i < ticks && !rules.ended(); ++i) rules.step(true, stats, sink);
}

}  // namespace

TEST_CASE("keep-served: judged when the time runs out") {
    Objective keep = make(ObjectiveKind::KeepServed);
    keep.percent = 75;
    for (int good : {3, 2}) {
        LevelRules rules(levelWith(keep, 2));
        RequestStats stats;
        CollectingSink sink;
        for (int i = 0; i < 4; ++i) stats.add(result(i < good ? PageOutcome::Full : PageOutcome::Failed), Tick{0});
        run(rules, stats, sink, 1000);
        CHECK(rules.elapsedTicks() == 2 * kTicksPerSecond);
        CHECK(rules.result() == (good == 3 ? LevelResult::Won : LevelResult::Lost));
        CHECK(sink.hasMessage(good == 3 ? "Level complete" : "Level failed"));
    }
}

TEST_CASE("keep-served: shows at risk before the end") {
    Objective keep = make(ObjectiveKind::KeepServed);
    keep.percent = 90;
    LevelRules rules(levelWith(keep));
    RequestStats stats;
    stats.add(result(PageOutcome::Failed), Tick{0});
    const auto progress = rules.objectives(stats);
    REQUIRE(progress.size() == 1);
    CHECK(progress[0].atRisk);
    CHECK(progress[0].status == ObjectiveStatus::InProgress);
    CHECK(progress[0].text == "Keep 90.0 % of requests served");
}

TEST_CASE("delete-pods: counts accepted deletes of the target only") {
    Objective del = make(ObjectiveKind::DeletePods);
    del.count = 2;
    del.target = "reviews";
    LevelRules rules(levelWith(del, 0));
    RequestStats stats;
    CollectingSink sink;
    rules.step(true, stats, sink);
    rules.onDeleteAccepted("details-v1");
    rules.onDeleteAccepted("reviews-v2");
    CHECK(rules.objectives(stats)[0].progress == "1 / 2 pods");
    rules.onDeleteAccepted("reviews-v3");
    CHECK(rules.trackers()[0].status() == ObjectiveStatus::Met);
    rules.step(true, stats, sink);
    CHECK(sink.hasMessage("Objective met"));
    // No time limit: the level ends kSettleTicks after the last achievement.
    run(rules, stats, sink, LevelRules::kSettleTicks + 5);
    CHECK(rules.result() == LevelResult::Won);
}

TEST_CASE("shift-traffic: rises of the share held 3 s are steps; enough of them meet it, too few fail it") {
    Objective shift = make(ObjectiveKind::ShiftTraffic);
    shift.percent = 100;
    shift.version = "v3";
    shift.count = 3;
    const std::int64_t held = ObjectiveTracker::kStepHoldTicks;
    RequestStats stats;
    CollectingSink sink;
    {
        LevelRules rules(levelWith(shift, 60));
        rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        run(rules, stats, sink, 10);
        rules.onWeightsObserved(ReviewsWeights::of(70, 0, 30));
        run(rules, stats, sink, held);
        rules.onWeightsObserved(ReviewsWeights::of(70, 0, 30));  // the same again is no step
        run(rules, stats, sink, held);
        rules.onWeightsObserved(ReviewsWeights::of(30, 0, 70));
        run(rules, stats, sink, held);
        CHECK(rules.trackers()[0].status() == ObjectiveStatus::InProgress);
        CHECK(rules.trackers()[0].progress(stats).progress == "v3 at 70 %, 2 steps held 3 s (>= 3)");
        rules.onWeightsObserved(ReviewsWeights::of(0, 0, 100));
        run(rules, stats, sink, 1);
        CHECK(rules.trackers()[0].status() == ObjectiveStatus::InProgress);  // not held yet
        run(rules, stats, sink, held);
        CHECK(rules.trackers()[0].status() == ObjectiveStatus::Met);
    }
    {
        LevelRules rules(levelWith(shift, 60));
        rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        rules.onWeightsObserved(ReviewsWeights::of(0, 0, 100));
        CHECK(rules.trackers()[0].status() == ObjectiveStatus::Failed);
        rules.step(true, stats, sink);
        CHECK(rules.result() == LevelResult::Lost);  // a failed objective ends the level at once
    }
    {
        // 0 -> 35 -> 0 -> 0 -> 100 is two steps (it counted four), and a flick to 50 and back is none.
        LevelRules rules(levelWith(shift, 60));
        rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        rules.onWeightsObserved(ReviewsWeights::of(65, 0, 35));
        run(rules, stats, sink, held + 1);
        rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        run(rules, stats, sink, held);
        rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        rules.onWeightsObserved(ReviewsWeights::of(50, 0, 50));
        run(rules, stats, sink, held / 3);
        rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        run(rules, stats, sink, held);
        CHECK(rules.trackers()[0].progress(stats).progress == "v3 at 0 %, 1 steps held 3 s (>= 3)");
        rules.onWeightsObserved(ReviewsWeights::of(0, 0, 100));
        CHECK(rules.trackers()[0].status() == ObjectiveStatus::Failed);  // 2 steps at most: too few
    }
}

TEST_CASE("shift-away-from: within the time after the version starts misbehaving") {
    Objective away = make(ObjectiveKind::ShiftAwayFrom);
    away.version = "v3";
    away.withinSeconds = 2;
    ProbeResult broken = result(PageOutcome::Degraded);
    broken.failedAt = PagePart::Reviews;
    broken.reviewsVersion = ReviewsVersion::V3;
    for (bool inTime : {true, false}) {
        LevelRules rules(levelWith(away, 30));
        RequestStats stats;
        CollectingSink sink;
        rules.onWeightsObserved(ReviewsWeights::of(50, 0, 50));
        run(rules, stats, sink, 60);
        rules.onProbe(broken);  // trouble starts at 1 s
        run(rules, stats, sink, inTime ? 100 : 2 * kTicksPerSecond + 2);
        if (inTime) rules.onWeightsObserved(ReviewsWeights::of(100, 0, 0));
        CHECK(rules.trackers()[0].status() == (inTime ? ObjectiveStatus::Met : ObjectiveStatus::Failed));
    }
}

TEST_CASE("shift-away-from: a crash-looping pod or the level's script starts the clock too") {
    Objective away = make(ObjectiveKind::ShiftAwayFrom);
    away.version = "v3";
    away.withinSeconds = 1;
    Level level = levelWith(away, 30);
    ScriptedChange change;
    change.atSecond = 2;
    change.change.deployment = "reviews-v3";
    level.script = {change};
    LevelRules rules(level);
    RequestStats stats;
    CollectingSink sink;
    run(rules, stats, sink, 3 * kTicksPerSecond + 2);
    CHECK(rules.trackers()[0].status() == ObjectiveStatus::Failed);

    LevelRules crash(levelWith(away, 30));
    run(crash, stats, sink, 1);
    PodObservation pod;
    pod.deployment = "reviews-v3";
    pod.state = PodState::CrashLoopBackOff;
    crash.onPodObserved(pod);
    run(crash, stats, sink, kTicksPerSecond + 2);
    CHECK(crash.trackers()[0].status() == ObjectiveStatus::Failed);
}

TEST_CASE("keep-p99-below and survive: judged on the session's requests") {
    Objective p99 = make(ObjectiveKind::KeepP99Below);
    p99.milliseconds = 500;
    Objective survive = make(ObjectiveKind::Survive);
    for (int slowOnes : {0, 5}) {
        Level level = levelWith(p99, 1);
        level.objectives.push_back(survive);
        level.sloPercent = 90;
        LevelRules rules(level);
        RequestStats stats;
        CollectingSink sink;
        for (int i = 0; i < 100; ++i) stats.add(result(PageOutcome::Full, i < slowOnes ? 1500 : 80), Tick{0});
        run(rules, stats, sink, 1000);
        const ObjectiveStatus expected = slowOnes == 0 ? ObjectiveStatus::Met : ObjectiveStatus::Failed;
        CHECK(rules.trackers()[0].status() == expected);
        CHECK(rules.trackers()[1].status() == ObjectiveStatus::Met);  // 5 bad of 100 is within a 90 % SLO
    }
    Level level = levelWith(survive, 1);
    level.sloPercent = 99;
    LevelRules rules(level);
    RequestStats stats;
    CollectingSink sink;
    for (int i = 0; i < 100; ++i) stats.add(result(i < 2 ? PageOutcome::Failed : PageOutcome::Full), Tick{0});
    run(rules, stats, sink, 1000);
    CHECK(rules.trackers()[0].status() == ObjectiveStatus::Failed);
    // The figure beside it is the resilience score's: 2 bad of 1 allowed is -100 % left, not "0.0 % left".
    const ObjectiveProgress progress = rules.trackers()[0].progress(stats);
    CHECK(progress.progress == "error budget -100.0 % left");
    CHECK(progress.fraction == 0.0);
}

TEST_CASE("The level clock runs only while connected and not paused; a sandbox gives no verdict") {
    Objective keep = make(ObjectiveKind::KeepServed);
    keep.percent = 50;
    NullEffectSink sink;
    World world(levelWith(keep, 1), 1, sink);
    for (int i = 0; i < 100; ++i) world.step();
    CHECK_FALSE(world.rules().started());
    world.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
    world.submit(SetPaused{true});
    for (int i = 0; i < 100; ++i) world.step();
    CHECK(world.rules().elapsedTicks() == 0);
    world.submit(SetPaused{false});
    for (int i = 0; i < 30; ++i) world.step();
    CHECK(world.rules().elapsedTicks() == 30);
    CHECK(world.hud().secondsLeft == 1);
    for (int i = 0; i < 30; ++i) world.step();
    CHECK(world.rules().ended());
    CHECK(world.hud().result == LevelResult::Lost);  // no requests at all: nothing was served
    world.submit(RequestScale{"ratings-v1", 2});
    world.step();
    CHECK(world.takeRequests().empty());  // actions are closed after the end

    Level sandbox;
    sandbox.sandbox = true;
    sandbox.timeLimitSeconds = 1;
    sandbox.objectives = {keep};
    World free(sandbox, 1, sink);
    free.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
    for (int i = 0; i < 200; ++i) free.step();
    CHECK(free.hud().result == LevelResult::Sandbox);
    CHECK(free.hud().objectives.empty());
    // No end and no time left to show, but the clock counts how long it has been played (not while paused).
    CHECK_FALSE(free.hud().secondsLeft.has_value());
    CHECK(free.hud().secondsElapsed == 3);
    free.submit(SetPaused{true});
    for (int i = 0; i < 120; ++i) free.step();
    CHECK(free.hud().secondsElapsed == 3);
}
