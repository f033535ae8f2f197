// The resilience score's parts, each against hand-computed figures: the good
// request rule, the recovery curve, the error budget, the steady-state gate,
// an action's window and recovery, and the blast radius.
#include <doctest/doctest.h>

#include "world/score/action_window.hpp"
#include "world/score/blast_radius.hpp"
#include "world/score/error_budget.hpp"
#include "world/score/good_request_rule.hpp"
#include "world/score/recovery_curve.hpp"
#include "world/score/steady_state_gate.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
using meshlings::world::test::at;
using meshlings::world::test::pod;

namespace {

ProbeResult probe(PageOutcome outcome, int latencyMs) {
    ProbeResult p;
    p.outcome = outcome;
    p.latencyMs = latencyMs;
    return p;
}

}  // namespace

TEST_CASE("GoodRequestRule: a complete page within the objective; degraded and failed pages never") {
    const GoodRequestRule rule;
    CHECK(rule.latencyObjectiveMs() == 1000);
    CHECK(rule.isGood(probe(PageOutcome::Full, 1000)));
    CHECK_FALSE(rule.isGood(probe(PageOutcome::Full, 1001)));
    CHECK_FALSE(rule.isGood(probe(PageOutcome::Degraded, 20)));
    CHECK_FALSE(rule.isGood(probe(PageOutcome::Failed, 20)));
    const GoodRequestRule strict(250);
    CHECK(strict.isGood(probe(PageOutcome::Full, 250)));
    CHECK_FALSE(strict.isGood(probe(PageOutcome::Full, 251)));
}

TEST_CASE("RecoveryCurve: r is 1 up to 10 s, 0.5 at 95 s, 0 at 180 s and when never recovered") {
    const RecoveryCurve curve;
    CHECK(curve.factor(ticksFromSeconds(0)) == 1.0);
    CHECK(curve.factor(ticksFromSeconds(10)) == 1.0);
    CHECK(curve.factor(ticksFromSeconds(95)) == doctest::Approx(0.5));
    CHECK(curve.factor(ticksFromMillis(52'500)) == doctest::Approx(0.75));  // (180 - 52.5) / 170
    CHECK(curve.factor(ticksFromSeconds(12)) == doctest::Approx(168.0 / 170.0));
    CHECK(curve.factor(ticksFromSeconds(180)) == 0.0);
    CHECK(curve.factor(ticksFromSeconds(600)) == 0.0);
    CHECK(curve.factor(std::nullopt) == 0.0);
}

TEST_CASE("ErrorBudget: 5 bad of 100 at SLO 95 % uses it up exactly; the sixth overspends it") {
    ErrorBudget budget(95);
    CHECK_FALSE(budget.left());
    CHECK_FALSE(budget.burnRate());
    for (int i = 0; i < 95; ++i) budget.add(true);
    for (int i = 0; i < 5; ++i) budget.add(false);
    CHECK(budget.allowedBad() == doctest::Approx(5.0));
    CHECK(*budget.left() == doctest::Approx(0.0));
    CHECK(*budget.burnRate() == doctest::Approx(1.0));
    CHECK_FALSE(budget.spent());
    budget.add(false);  // 6 bad of 101: 5.05 allowed
    CHECK(budget.spent());
    CHECK(*budget.left() == doctest::Approx(1.0 - 6.0 / 5.05));
    CHECK(*budget.burnRate() == doctest::Approx((6.0 / 101.0) / 0.05));

    ErrorBudget half(95);
    for (int i = 0; i < 39; ++i) half.add(true);
    half.add(false);  // 1 bad of 40: 2 allowed
    CHECK(*half.left() == doctest::Approx(0.5));
    CHECK(*half.burnRate() == doctest::Approx(0.5));
}

TEST_CASE("SteadyStateGate: 99 of 100 good in the last 10 s is steady; 98 of 100 is not") {
    auto gateWithBad = [](int bad) {
        SteadyStateGate gate;
        for (int i = 0; i < 200; ++i) {  // 10 req/s for 20 s; the bad ones in the last 10 s
            gate.observe(Tick{i * 6}, !(i >= 100 && i < 100 + bad));
        }
        return gate.judge(Tick{1200});
    };
    const SteadyState one = gateWithBad(1);
    CHECK(one.judged);
    CHECK(one.met);
    CHECK(one.good == 99);
    CHECK(one.total == 100);
    CHECK(*one.percent == doctest::Approx(99.0));
    CHECK(one.reason.empty());

    const SteadyState two = gateWithBad(2);
    CHECK_FALSE(two.met);
    CHECK(two.good == 98);
    CHECK(two.total == 100);
    CHECK(two.reason == "98 of 100 requests good (98.0 %) in the 10.0 s before the first action (needs >= 99.0 %)");
}

TEST_CASE("SteadyStateGate: bad requests older than the last 10 s do not count; too short a watch does") {
    SteadyStateGate gate;
    for (int s = 0; s < 22; ++s) gate.observe(at(s), s >= 15);  // bad for the first 15 s
    CHECK(gate.judge(at(22)).good == 7);                        // [12, 22): 7 of 10
    CHECK_FALSE(gate.judge(at(22)).met);
    for (int s = 22; s < 30; ++s) gate.observe(at(s), true);
    CHECK(gate.judge(at(30)).met);  // [20, 30): 10 of 10

    SteadyStateGate shortWatch;
    for (int s = 0; s < 5; ++s) shortWatch.observe(at(s), true);
    const SteadyState s = shortWatch.judge(at(5));
    CHECK_FALSE(s.met);
    CHECK(s.watchedSeconds == doctest::Approx(5.0));
    CHECK(s.reason == "the probe watched only 5.0 s before the first action (needs 10.0 s)");

    const SteadyState none = SteadyStateGate{}.judge(at(30));
    CHECK_FALSE(none.met);
    CHECK(none.reason == "the probe saw no request before the first action (needs 10.0 s of steady state)");
}

TEST_CASE("ActionWindow: 9 good of 10 in the window gives a = 0.9; requests past its end do not count") {
    ActionWindow w(Disruption{DisruptionKind::WeightShift, "reviews", ""}, at(100), ticksFromSeconds(60));
    for (int s = 100; s < 110; ++s) w.observeProbe(at(s), s != 100);  // one bad at 100 s
    w.observeProbe(at(160), false);                                   // past 160 s: outside
    CHECK(w.total() == 10);
    CHECK(w.good() == 9);
    CHECK(*w.availability() == doctest::Approx(0.9));
    CHECK(*w.recoveryTicks() == ticksFromSeconds(1));  // the first good request, at 101 s
    CHECK(w.end(at(170)) == WindowEnd::Length);
}

TEST_CASE("ActionWindow: a delete recovers at the first good request after a replacement pod is Ready") {
    ActionWindow w(Disruption{DisruptionKind::PodDelete, "details-v1", "details-v1-a"}, at(20), ticksFromSeconds(60),
                   {"details-v1-a", "details-v1-c"});
    w.observeProbe(at(21), true);  // another details pod still serves: good, but no replacement yet
    w.observePod(at(22), pod("details-v1-c", "details-v1", PodState::Ready));  // Ready before: not a replacement
    w.observePod(at(23), pod("details-v1-a", "details-v1", PodState::Ready));  // the deleted pod itself
    w.observePod(at(24), pod("reviews-v1-x", "reviews-v1", PodState::Ready));  // another Deployment
    w.observePod(at(25), pod("details-v1-b", "details-v1", PodState::Pending));
    w.observeProbe(at(26), true);
    CHECK_FALSE(w.recovered());
    w.observePod(at(31.5), pod("details-v1-b", "details-v1", PodState::Ready));
    CHECK(w.replacementReady() == at(31.5));
    w.observeProbe(at(32), false);
    CHECK_FALSE(w.recovered());
    w.observeProbe(at(33), true);
    CHECK(w.recovered() == at(33));
    CHECK(*w.recoveryTicks() == ticksFromSeconds(13));
    w.observeProbe(at(34), false);  // a later bad request lowers a, not the recovery
    CHECK(w.recovered() == at(33));
    CHECK(w.total() == 5);  // 21, 26, 32, 33, 34 s
    CHECK(w.good() == 3);
}

TEST_CASE("ActionWindow: cut short by the next action on its target, or by the end of the session") {
    ActionWindow cut(Disruption{DisruptionKind::ScaleDown, "ratings-v1", ""}, at(0), ticksFromSeconds(60));
    cut.cutAt(at(30));
    CHECK(cut.closes() == at(30));
    cut.observeProbe(at(29), true);
    cut.observeProbe(at(30), false);
    CHECK(cut.total() == 1);
    CHECK(cut.end(at(30)) == WindowEnd::NextAction);
    cut.finish(at(90));
    CHECK(cut.end(at(90)) == WindowEnd::NextAction);

    ActionWindow ended(Disruption{DisruptionKind::Fault, "ratings", ""}, at(0), ticksFromSeconds(60));
    CHECK(ended.end(at(10)) == WindowEnd::Open);
    ended.observeProbe(at(10), false);
    ended.finish(at(15));
    CHECK(ended.end(at(15)) == WindowEnd::SessionEnd);
    CHECK(ended.closes() == at(15));
    ended.observeProbe(at(16), true);  // after the end: ignored
    CHECK(ended.total() == 1);
    CHECK_FALSE(ended.recovered());
}

TEST_CASE("BlastRadius: the worst share of a service down at once, and traffic onto a version with no Ready pod") {
    BlastRadius blast;
    blast.observePod(at(0), pod("reviews-v1-a", "reviews-v1", PodState::Ready));
    blast.observePod(at(0), pod("reviews-v2-a", "reviews-v2", PodState::Ready));
    blast.observePod(at(0), pod("reviews-v3-a", "reviews-v3", PodState::Ready));
    blast.observePod(at(0), pod("details-v1-a", "details-v1", PodState::Ready));
    blast.observePod(at(0), pod("details-v1-b", "details-v1", PodState::Ready));
    blast.observeWeights(at(0), ReviewsWeights::of(0, 0, 100));
    blast.observePod(at(1), pod("details-v1-a", "details-v1", PodState::Terminating));  // before chaos: not counted
    CHECK_FALSE(blast.worstOutage());

    blast.startMeasuring(at(10));  // details 1 of 2 down
    REQUIRE(blast.worstOutage());
    CHECK(blast.worstOutage()->service == "details");
    CHECK(blast.worstOutage()->percent == doctest::Approx(50.0));

    blast.observePod(at(12), pod("reviews-v3-a", "reviews-v3", PodState::Terminating));
    blast.observePod(at(13), pod("reviews-v2-a", "reviews-v2", PodState::CrashLoopBackOff));
    const ServiceOutage& worst = *blast.worstOutage();
    CHECK(worst.service == "reviews");
    CHECK(worst.down == 2);
    CHECK(worst.of == 3);
    CHECK(worst.percent == doctest::Approx(200.0 / 3.0));
    CHECK(worst.at == at(13));
    REQUIRE(blast.worstDeadTraffic());
    CHECK(blast.worstDeadTraffic()->percent == doctest::Approx(100.0));
    CHECK(blast.worstDeadTraffic()->versions == "v3");
    CHECK(blast.worstDeadTraffic()->at == at(12));

    blast.podGone(at(20), "reviews-v3-a");
    blast.observePod(at(21), pod("reviews-v3-b", "reviews-v3", PodState::Ready));
    blast.observePod(at(22), pod("reviews-v2-a", "reviews-v2", PodState::Ready));
    CHECK(blast.worstOutage()->at == at(13));  // the worst stays
}

TEST_CASE("BlastRadius: weights on two dead versions add up; round robin is dead only with no reviews pod Ready") {
    BlastRadius blast;
    blast.observePod(at(0), pod("reviews-v1-a", "reviews-v1", PodState::Ready));
    blast.observePod(at(0), pod("reviews-v2-a", "reviews-v2", PodState::Ready));
    blast.observeWeights(at(0), ReviewsWeights::of(30, 20, 50));  // v3 has no pod at all
    blast.startMeasuring(at(1));
    CHECK(blast.worstDeadTraffic()->percent == doctest::Approx(50.0));
    blast.observePod(at(2), pod("reviews-v1-a", "reviews-v1", PodState::Terminating));
    CHECK(blast.worstDeadTraffic()->percent == doctest::Approx(80.0));
    CHECK(blast.worstDeadTraffic()->versions == "v1+v3");

    BlastRadius roundRobin;
    roundRobin.observePod(at(0), pod("reviews-v1-a", "reviews-v1", PodState::Ready));
    roundRobin.observePod(at(0), pod("reviews-v2-a", "reviews-v2", PodState::Ready));
    roundRobin.startMeasuring(at(1));
    roundRobin.observePod(at(2), pod("reviews-v1-a", "reviews-v1", PodState::Terminating));
    CHECK_FALSE(roundRobin.worstDeadTraffic());
    roundRobin.observePod(at(3), pod("reviews-v2-a", "reviews-v2", PodState::Terminating));
    REQUIRE(roundRobin.worstDeadTraffic());
    CHECK(roundRobin.worstDeadTraffic()->percent == doctest::Approx(100.0));
    CHECK(roundRobin.worstDeadTraffic()->versions == "all");
}
