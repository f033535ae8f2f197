// The open-model schedule, driven by hand-made time points: steady starts,
// no catch-up burst after a rate change, pause and resume; and the sample
// queue's bound and counters.
#include "mesh/start_schedule.hpp"

#include <doctest/doctest.h>

#include "mesh/sample_queue.hpp"

using meshlings::common::PageOutcome;
using meshlings::mesh::ProbeSample;
using meshlings::mesh::SampleQueue;
using meshlings::mesh::StartSchedule;
using namespace std::chrono_literals;

namespace {

int takeAll(StartSchedule& schedule, StartSchedule::TimePoint now) {
    int taken = 0;
    while (schedule.takeDue(now)) ++taken;
    return taken;
}

}  // namespace

TEST_CASE("starts fall due at the rate, however late they are taken") {
    StartSchedule schedule(20);
    const StartSchedule::TimePoint t0{};
    CHECK_FALSE(schedule.takeDue(t0));  // not begun
    schedule.begin(t0);
    CHECK(schedule.takeDue(t0) == t0);
    CHECK_FALSE(schedule.takeDue(t0 + 49ms));
    CHECK(*schedule.nextDue() == t0 + 50ms);
    // Taken late (the thread was busy): every start still comes, each with its own due time.
    CHECK(schedule.takeDue(t0 + 1s) == t0 + 50ms);
    CHECK(takeAll(schedule, t0 + 1s) == 19);
    CHECK(takeAll(schedule, t0 + 2s) == 20);
}

TEST_CASE("a rate change takes effect from now without a burst") {
    StartSchedule schedule(1);
    const StartSchedule::TimePoint t0{};
    schedule.begin(t0);
    CHECK(takeAll(schedule, t0 + 900ms) == 1);  // the start at 0
    schedule.setRate(100, t0 + 900ms);
    CHECK(schedule.rate() == 100);
    CHECK(*schedule.nextDue() == t0 + 900ms);  // not 10 ms after the last start 900 ms ago, with 89 to catch up
    CHECK(takeAll(schedule, t0 + 1900ms) == 101);
    schedule.setRate(0, t0 + 2s);  // paused
    CHECK_FALSE(schedule.nextDue());
    CHECK(takeAll(schedule, t0 + 10s) == 0);
    schedule.setRate(10, t0 + 10s);
    CHECK(*schedule.nextDue() == t0 + 10s);
    CHECK(takeAll(schedule, t0 + 11s) == 11);
}

TEST_CASE("rates are clamped to what makes sense") {
    CHECK(StartSchedule::clampRate(-5) == 0);
    CHECK(StartSchedule::clampRate(std::numeric_limits<double>::quiet_NaN()) == 0);
    CHECK(StartSchedule::clampRate(std::numeric_limits<double>::infinity()) == 0);
    CHECK(StartSchedule::clampRate(1e9) == StartSchedule::kMaxRate);
    CHECK(StartSchedule::clampRate(2.5) == 2.5);
}

TEST_CASE("the sample queue keeps the newest samples up to its bound and counts the rest") {
    SampleQueue queue(3);
    for (int i = 0; i < 5; ++i) {
        queue.noteDue(true);
        ProbeSample sample;
        sample.sequence = static_cast<std::uint64_t>(i);
        sample.verdict.outcome = i % 2 == 0 ? PageOutcome::Full : PageOutcome::Degraded;
        queue.push(sample);
    }
    queue.noteDue(false);
    queue.noteDue(true);
    queue.noteCancelled();
    const auto counters = queue.counters();
    CHECK(counters.due == 7);
    CHECK(counters.started == 6);
    CHECK(counters.skipped == 1);
    CHECK(counters.finished == 5);
    CHECK(counters.full == 3);
    CHECK(counters.degraded == 2);
    CHECK(counters.dropped == 2);
    CHECK(counters.inFlight == 0);
    const auto samples = queue.drain();
    REQUIRE(samples.size() == 3);
    CHECK(samples.front().sequence == 2);
    CHECK(samples.back().sequence == 4);
    CHECK(queue.drain().empty());
}
