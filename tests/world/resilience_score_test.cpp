// The resilience score end to end through its plain calls: action scores,
// the weighted headline, the gate, every verdict, MTTR per target, the
// breakdown, and the worked example of docs/scoring.md number for number.
#include "world/score/resilience_score.hpp"

#include <doctest/doctest.h>

#include "world/score/resilience_breakdown.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
using meshlings::world::test::at;
using meshlings::world::test::pod;

namespace {

// One probe request a second, at whole seconds in [from, to).
void probes(ResilienceScore& score, int from, int to, PageOutcome outcome, int latencyMs) {
    ProbeResult p;
    p.outcome = outcome;
    p.latencyMs = latencyMs;
    for (int s = from; s < to; ++s) score.observeProbe(at(s), p);
}

void good(ResilienceScore& score, int from, int to) {
    probes(score, from, to, PageOutcome::Full, 40);
}

void bad(ResilienceScore& score, int from, int to) {
    probes(score, from, to, PageOutcome::Failed, 40);
}

Disruption shift() {
    return Disruption{DisruptionKind::WeightShift, "reviews", ""};
}

// 20 s of steady state, then a shift at 20 s with 10 requests in its window of
// which `badCount` bad (the first ones), good again after; ends at 30 s + tail.
ResilienceScore oneShift(int badCount, int tailSeconds = 0, ResilienceConfig config = {}) {
    config.windowTicks = ticksFromSeconds(10);
    ResilienceScore score(config);
    good(score, 0, 20);
    score.actionTaken(at(20), shift());
    bad(score, 20, 20 + badCount);
    good(score, 20 + badCount, 30 + tailSeconds);
    score.finish(at(30 + tailSeconds));
    return score;
}

}  // namespace

TEST_CASE("ResilienceScore: a window with 9 of 10 good, recovered in 1 s, scores 100 * (3 * 0.9 + 1) / 4 = 92.5") {
    const ResilienceReport r = oneShift(1).report();
    REQUIRE(r.actions.size() == 1);
    const ActionScore& a = r.actions[0];
    CHECK(a.good == 9);
    CHECK(a.total == 10);
    CHECK(*a.availability == doctest::Approx(0.9));
    CHECK(*a.recoverySeconds == doctest::Approx(1.0));
    CHECK(a.recovery == doctest::Approx(1.0));
    CHECK(*a.score == doctest::Approx(92.5));
    CHECK(*r.headline == doctest::Approx(92.5));
    CHECK(r.verdict == ScoreVerdict::Pass);
    CHECK(r.reasons.empty());
}

TEST_CASE("ResilienceScore: recovery at 95 s gives r = 0.5; the 10 s window with 9 good scores 80") {
    ResilienceConfig config;
    config.windowTicks = ticksFromSeconds(10);
    config.sloPercent = 0;  // only the formula is under test here
    ResilienceScore score(config);
    good(score, 0, 20);
    score.actionTaken(at(20), shift());
    bad(score, 20, 21);
    // Good requests would recover it at once; a slow full page is not good.
    probes(score, 21, 115, PageOutcome::Full, 1500);
    good(score, 115, 120);
    score.finish(at(120));
    const ActionScore a = score.report().actions.at(0);
    CHECK(a.total == 10);
    CHECK(a.good == 0);
    CHECK(*a.recoverySeconds == doctest::Approx(95.0));
    CHECK(a.recovery == doctest::Approx(0.5));
    CHECK(*a.score == doctest::Approx(12.5));  // 100 * (3 * 0 + 0.5) / 4
}

TEST_CASE("ResilienceScore: a = 0.9 with r = 0.5 scores exactly 80, the pass mark") {
    ResilienceConfig config;
    config.windowTicks = ticksFromSeconds(10);
    config.sloPercent = 0;
    ResilienceScore score(config);
    good(score, 0, 20);
    score.actionTaken(at(20), Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"});
    bad(score, 20, 21);
    good(score, 21, 115);  // good, but no replacement pod yet
    score.observePod(at(114.5), pod("details-v1-b", "details-v1", PodState::Ready));
    good(score, 115, 121);
    score.finish(at(121));
    const ResilienceReport r = score.report();
    CHECK(*r.actions[0].recoverySeconds == doctest::Approx(95.0));  // the request at 115 s
    CHECK(*r.actions[0].score == doctest::Approx(80.0));
    CHECK(r.verdict == ScoreVerdict::Pass);  // not below 80
}

TEST_CASE("ResilienceScore: the headline is the weighted mean, target weights first, then the service's") {
    ResilienceConfig config;
    config.windowTicks = ticksFromSeconds(10);
    config.weights = {{"details", 3}, {"reviews", 1}};
    config.sloPercent = 0;
    ResilienceScore score(config);
    good(score, 0, 20);
    score.actionTaken(at(20), Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"});
    bad(score, 20, 21);
    score.observePod(at(20.5), pod("details-v1-b", "details-v1", PodState::Ready));
    good(score, 21, 30);  // a = 0.9, recovered at 21 s: 92.5
    score.actionTaken(at(40), Disruption{DisruptionKind::PodDelete, "reviews-v2", "reviews-v2-a"});
    bad(score, 40, 45);
    good(score, 45, 135);  // a = 0.5
    score.observePod(at(134.5), pod("reviews-v2-b", "reviews-v2", PodState::Ready));
    good(score, 135, 136);  // recovered at 135 s (95 s): r = 0.5, 50
    score.finish(at(136));
    const ResilienceReport r = score.report();
    REQUIRE(r.actions.size() == 2);
    CHECK(r.actions[0].weight == 3.0);  // "details" for details-v1
    CHECK(r.actions[1].weight == 1.0);  // "reviews" for reviews-v2
    CHECK(*r.actions[0].score == doctest::Approx(92.5));
    CHECK(*r.actions[1].score == doctest::Approx(50.0));
    CHECK(*r.headline == doctest::Approx((3 * 92.5 + 1 * 50.0) / 4));  // 81.875
    CHECK(r.verdict == ScoreVerdict::Pass);

    ResilienceConfig exact;
    exact.weights = {{"details-v1", 10}, {"details", 3}};
    exact.defaultWeight = 2;
    CHECK(exact.weightOf("details-v1") == 10.0);
    CHECK(exact.weightOf("details-v2") == 3.0);
    CHECK(exact.weightOf("ratings-v1") == 2.0);
}

TEST_CASE("ResilienceScore: 98 % good before chaos is not steady: no headline, not scored, and it says why") {
    ResilienceScore score;
    ProbeResult ok;
    ok.latencyMs = 30;
    ProbeResult failed;
    failed.outcome = PageOutcome::Failed;
    for (int i = 0; i < 100; ++i) score.observeProbe(Tick{i * 6}, i == 10 || i == 50 ? failed : ok);  // 10 req/s
    score.actionTaken(Tick{600}, shift());
    for (int i = 100; i < 200; ++i) score.observeProbe(Tick{i * 6}, ok);
    CHECK_FALSE(score.summary().headline);
    CHECK(score.summary().reason.starts_with("not steady: 98 of 100 requests good (98.0 %)"));
    score.finish(Tick{1200});
    const ResilienceReport r = score.report();
    CHECK(r.steady.judged);
    CHECK_FALSE(r.steady.met);
    CHECK_FALSE(r.headline);
    CHECK(r.actions.at(0).score.has_value());  // the window is still measured and shown
    CHECK(r.verdict == ScoreVerdict::NotScored);
    REQUIRE(r.reasons.size() == 1);
    CHECK(r.reasons[0] ==
          "not steady: 98 of 100 requests good (98.0 %) in the 10.0 s before the first action (needs >= 99.0 %)");
}

TEST_CASE("ResilienceScore verdicts: pending, pass, fail on the budget, the headline or no recovery, halted") {
    SUBCASE("pending until the session ends") {
        ResilienceScore score;
        good(score, 0, 20);
        score.actionTaken(at(20), shift());
        good(score, 20, 30);
        CHECK(score.report().verdict == ScoreVerdict::Pending);
        CHECK(*score.summary().headline == doctest::Approx(100.0));
        CHECK(score.report().actions[0].windowEnd == WindowEnd::Open);
        CHECK(score.report().actions[0].note == "");
    }
    SUBCASE("fail: 2 bad of 30 requests at SLO 95 % spend the budget (1.5 allowed) though the headline is 85") {
        ResilienceConfig config;
        config.windowTicks = ticksFromSeconds(20);
        ResilienceScore score(config);
        good(score, 0, 20);
        score.actionTaken(at(20), shift());
        bad(score, 20, 22);
        good(score, 22, 30);
        score.finish(at(30));
        const ResilienceReport r = score.report();
        CHECK(*r.actions[0].score == doctest::Approx(100.0 * (3 * 0.8 + 1) / 4));  // 85
        CHECK(r.verdict == ScoreVerdict::Fail);
        CHECK(r.budgetSpent);
        CHECK(*r.budgetLeft == doctest::Approx(1 - 2 / 1.5));
        CHECK(*r.burnRate == doctest::Approx((2.0 / 30) / 0.05));
        REQUIRE(r.reasons.size() == 1);
        CHECK(r.reasons[0] == "error budget spent: 2 bad of 30 requests, 1.5 allowed at SLO 95.0 %");
    }
    SUBCASE("fail: a headline under 80 with the budget kept") {
        ResilienceConfig config;
        config.sloPercent = 50;
        const ResilienceReport r = oneShift(4, 0, config).report();  // a = 0.6, r = 1: 70
        CHECK(*r.headline == doctest::Approx(70.0));
        CHECK_FALSE(r.budgetSpent);
        CHECK(r.verdict == ScoreVerdict::Fail);
        CHECK(r.reasons == std::vector<std::string>{"headline 70.0 below the pass mark 80.0"});
    }
    SUBCASE("fail: a pod delete whose replacement never became Ready by the end: r = 0, noted") {
        ResilienceConfig config;
        config.sloPercent = 0;
        ResilienceScore score(config);
        good(score, 0, 20);
        score.actionTaken(at(20), Disruption{DisruptionKind::PodDelete, "ratings-v1", "ratings-v1-a"});
        good(score, 20, 80);  // the probe stays good (ratings has a fallback), but no replacement
        score.finish(at(80));
        const ResilienceReport r = score.report();
        const ActionScore& a = r.actions.at(0);
        CHECK(a.availability == 1.0);
        CHECK(a.recovery == 0.0);
        CHECK_FALSE(a.recoverySeconds);
        CHECK(*a.score == doctest::Approx(75.0));
        CHECK(a.note == "not recovered when the session ended, 60.0 s after the action: r = 0");
        CHECK(r.verdict == ScoreVerdict::Fail);
        CHECK(r.reasons == std::vector<std::string>{"headline 75.0 below the pass mark 80.0",
                                                    "delete ratings-v1 at 20.0 s never recovered"});
    }
    SUBCASE("halted wins over everything, and the figures stay") {
        ResilienceScore score;
        good(score, 0, 20);
        score.actionTaken(at(20), shift());
        bad(score, 20, 30);
        score.halt(at(30), "the player pressed halt");
        good(score, 30, 40);  // after the end: ignored
        score.finish(at(40));
        const ResilienceReport r = score.report();
        CHECK(r.verdict == ScoreVerdict::Halted);
        CHECK(r.reasons == std::vector<std::string>{"halted: the player pressed halt"});
        CHECK(r.requests == 30);
        CHECK(*r.headline == doctest::Approx(0.0));
        CHECK(r.actions[0].windowEnd == WindowEnd::SessionEnd);
        CHECK(r.actions[0].windowSeconds == doctest::Approx(10.0));
    }
    SUBCASE("not scored: no disruptive action") {
        ResilienceScore score;
        good(score, 0, 30);
        score.finish(at(30));
        const ResilienceReport r = score.report();
        CHECK(r.verdict == ScoreVerdict::NotScored);
        CHECK_FALSE(r.headline);
        CHECK(r.reasons == std::vector<std::string>{"no disruptive action was taken: nothing to score"});
        CHECK_FALSE(r.steady.judged);
        CHECK(r.steady.met);  // as a preview: it would have been steady
    }
    SUBCASE("not scored: the probe never answered in the window") {
        ResilienceScore score;
        good(score, 0, 20);
        score.actionTaken(at(20), shift());
        score.finish(at(25));
        const ResilienceReport r = score.report();
        CHECK(r.verdict == ScoreVerdict::NotScored);
        CHECK(r.actions[0].note == "no probe request in its window: not scored");
    }
}

TEST_CASE("ResilienceScore: a window is cut short by the next action, whatever its target") {
    // Each request is attributed to the latest action before it (issue 16): a shift is not blamed for the
    // dip of a scale down taken 10 s later.
    ResilienceConfig config;
    config.sloPercent = 0;
    ResilienceScore score(config);
    good(score, 0, 20);
    score.actionTaken(at(20), shift());
    bad(score, 20, 25);
    good(score, 25, 30);
    score.actionTaken(at(30), Disruption{DisruptionKind::ScaleDown, "ratings-v1", ""});
    bad(score, 30, 35);
    good(score, 35, 40);
    score.actionTaken(at(40), shift());
    good(score, 40, 200);
    score.finish(at(200));
    const ResilienceReport r = score.report();
    REQUIRE(r.actions.size() == 3);
    CHECK(r.actions[0].windowEnd == WindowEnd::NextAction);
    CHECK(r.actions[0].total == 10);  // [20, 30)
    CHECK(r.actions[0].good == 5);
    CHECK(r.actions[1].windowEnd == WindowEnd::NextAction);
    CHECK(r.actions[1].total == 10);  // [30, 40): its own bad requests, not the shift's
    CHECK(r.actions[1].good == 5);
    CHECK(r.actions[2].windowEnd == WindowEnd::Length);
    CHECK(r.actions[2].total == 60);
    CHECK(*r.actions[0].recoverySeconds == doctest::Approx(5.0));
    CHECK(*r.actions[1].recoverySeconds == doctest::Approx(5.0));
}

TEST_CASE("ResilienceScore: MTTR per target is the mean over its recovered actions; unrecovered ones are counted") {
    ResilienceConfig config;
    config.sloPercent = 0;
    ResilienceScore score(config);
    score.observePod(at(0), pod("details-v1-a", "details-v1", PodState::Ready));
    score.observePod(at(0), pod("ratings-v1-a", "ratings-v1", PodState::Ready));
    good(score, 0, 20);
    score.actionTaken(at(20), Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"});
    score.observePod(at(20), pod("details-v1-a", "details-v1", PodState::Terminating));
    score.observePod(at(21), pod("details-v1-b", "details-v1", PodState::Pending));
    good(score, 20, 32);  // good (the page has a details fallback here), but no replacement yet
    score.observePod(at(31.5), pod("details-v1-b", "details-v1", PodState::Ready));
    good(score, 32, 100);  // recovered at 32 s: 12 s
    score.actionTaken(at(100), Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-b"});
    score.observePod(at(100), pod("details-v1-b", "details-v1", PodState::Terminating));
    score.observePod(at(101), pod("details-v1-c", "details-v1", PodState::Pending));
    good(score, 100, 120);
    score.observePod(at(119.5), pod("details-v1-c", "details-v1", PodState::Ready));
    good(score, 120, 150);  // recovered at 120 s: 20 s
    score.actionTaken(at(150), Disruption{DisruptionKind::PodDelete, "ratings-v1", "ratings-v1-a"});
    good(score, 150, 160);
    score.finish(at(160));
    const ResilienceReport r = score.report();
    REQUIRE(r.recovery.size() == 2);
    CHECK(r.recovery[0].target == "details-v1");
    CHECK(r.recovery[0].recovered == 2);
    CHECK(r.recovery[0].unrecovered == 0);
    CHECK(*r.recovery[0].mttrSeconds == doctest::Approx(16.0));
    CHECK(r.recovery[1].target == "ratings-v1");
    CHECK(r.recovery[1].recovered == 0);
    CHECK(r.recovery[1].unrecovered == 1);
    CHECK_FALSE(r.recovery[1].mttrSeconds);
    REQUIRE(r.worstOutage);
    CHECK(r.worstOutage->service == "details");
    CHECK(r.worstOutage->down == 1);
    CHECK(r.worstOutage->of == 1);
    CHECK(r.worstOutage->at == at(20));
}

// docs/scoring.md, "A worked example": keep the two in step.
TEST_CASE("ResilienceScore: the worked example of docs/scoring.md") {
    ResilienceConfig config;
    config.weights = {{"details", 7}, {"reviews", 5}};
    ResilienceScore score(config);
    for (const char* name : {"productpage-v1-p", "details-v1-a", "reviews-v1-r", "reviews-v3-t", "ratings-v1-q"}) {
        std::string deployment{name};
        deployment.resize(deployment.rfind('-'));
        score.observePod(at(0), pod(name, deployment, PodState::Ready));
    }
    score.observeWeights(at(0), ReviewsWeights::of(100, 0, 0));
    good(score, 0, 20);  // 40 ms each

    // In tick order: the delete, its pod Terminating, a replacement Pending at
    // 21 s, the old pod gone at 22 s, the replacement Ready at 31.5 s; the page
    // misses its details ("Degraded", 25 ms) from 20 s to 31 s.
    score.actionTaken(at(20), Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"});
    score.observePod(at(20), pod("details-v1-a", "details-v1", PodState::Terminating));
    probes(score, 20, 21, PageOutcome::Degraded, 25);
    score.observePod(at(21), pod("details-v1-b", "details-v1", PodState::Pending));
    probes(score, 21, 22, PageOutcome::Degraded, 25);
    score.podGone(at(22), "details-v1-a");
    probes(score, 22, 32, PageOutcome::Degraded, 25);
    score.observePod(at(31.5), pod("details-v1-b", "details-v1", PodState::Ready));
    good(score, 32, 60);

    score.actionTaken(at(60), shift());
    score.observeWeights(at(60), ReviewsWeights::of(0, 0, 100));
    probes(score, 60, 65, PageOutcome::Full, 1500);  // red stars, too slow
    good(score, 65, 100);
    score.finish(at(100));

    const ResilienceReport r = score.report();
    CHECK(r.steady.met);
    CHECK(r.steady.good == 10);
    CHECK(r.steady.total == 10);
    REQUIRE(r.actions.size() == 2);
    const ActionScore& del = r.actions[0];
    CHECK(del.total == 40);  // [20, 60): cut by the shift
    CHECK(del.good == 28);
    CHECK(*del.availability == doctest::Approx(28.0 / 40));
    CHECK(*del.recoverySeconds == doctest::Approx(12.0));
    CHECK(del.recovery == doctest::Approx(168.0 / 170));
    CHECK(*del.score == doctest::Approx(77.2058824));
    const ActionScore& sh = r.actions[1];
    CHECK(sh.total == 40);
    CHECK(sh.good == 35);
    CHECK(sh.windowEnd == WindowEnd::SessionEnd);
    CHECK(*sh.recoverySeconds == doctest::Approx(5.0));
    CHECK(*sh.score == doctest::Approx(90.625));
    CHECK(*r.headline == doctest::Approx(82.7971814));
    CHECK(r.requests == 100);
    CHECK(r.bad == 17);
    CHECK(*r.budgetLeft == doctest::Approx(-2.4));
    CHECK(*r.burnRate == doctest::Approx(3.4));
    CHECK(r.verdict == ScoreVerdict::Fail);
    CHECK(*r.p50BeforeMs == 40);
    CHECK(*r.p99BeforeMs == 40);
    CHECK(*r.p50DuringMs == 40);
    CHECK(*r.p99DuringMs == 1500);
    CHECK_FALSE(r.deadTraffic);

    const std::vector<std::string> expected{
        "FAIL: error budget spent: 17 bad of 100 requests, 5.0 allowed at SLO 95.0 %; score 82.8 (pass mark 80)",
        "steady state 10/10 good (100.0 %): met",
        "delete details-v1 (details-v1-a) at 20.0 s, weight 7.0: a 28/40 in 40.0 s (next action), recovery 12.0 s, "
        "r 0.988, score 77.2",
        "shift reviews at 60.0 s, weight 5.0: a 35/40 in 40.0 s (session end), recovery 5.0 s, r 1.000, score 90.6",
        "error budget at SLO 95.0 %: 17 bad of 100 (5.0 allowed), left -240.0 %, burn rate 3.40, spent",
        "MTTR details-v1: 12.0 s (1 recovered)",
        "MTTR reviews: 5.0 s (1 recovered)",
        "latency before chaos p50 40 ms, p99 40 ms; during chaos p50 40 ms, p99 1500 ms",
        "blast radius: details 1 of 1 pods down (100.0 %) at 20.0 s; "
        "no traffic weighted onto a version without Ready pods",
    };
    CHECK(ResilienceBreakdown::lines(r) == expected);
}
