// What the resilience score costs over a one-hour session at 100 requests a
// second (issue 5): ResilienceScore fed as the World feeds it, in tick order,
// with no SDL and no cluster:
//   - 360,000 probe results (100 a second for 3,600 s; in steady state 0.3 %
//     degraded, 0.1 % failed and 0.2 % slower than the 1 s objective, so the
//     gate finds it steady; 90 % degraded for the 10 s after each of details'
//     pods is deleted), latencies 8-60 ms;
//   - one pod deletion a minute (60 actions), each followed by the pod's
//     Terminating, its replacement's Pending, Running and Ready 10 s later,
//     and the old pod gone;
//   - summary() once a frame (the HUD, 60 a second: 216,000 calls);
//   - report() once at the end (the result screen and the drill report).
// Prints the medians over the repetitions, per call and in all, and the
// resident-set growth of the first repetition.
// Usage: meshlings_score_bench [--seconds 3600] [--rate 100] [--repetitions 5]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "common/rng.hpp"
#include "world/score/resilience_score.hpp"

using namespace meshlings;
using world::Tick;

namespace {

long residentKiB() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return 0;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

world::PodObservation pod(const std::string& name, world::PodState state, int ready) {
    world::PodObservation p;
    p.name = name;
    p.deployment = "details-v1";
    p.app = "details";
    p.version = "v1";
    p.state = state;
    p.readyContainers = ready;
    p.totalContainers = 2;
    return p;
}

struct Timing {
    double feedSeconds = 0;     // probe results, pods and actions
    double summarySeconds = 0;  // all the frames' summary() calls
    double reportSeconds = 0;   // the one report()
    std::size_t requests = 0;
    std::size_t frames = 0;
    std::size_t actionsSeen = 0;  // by the last summary()
    double headline = 0;
};

Timing runSession(int seconds, int rate) {
    using Clock = std::chrono::steady_clock;
    world::ResilienceScore score;
    common::Rng rng(42);
    Timing t;
    const std::int64_t ticks = static_cast<std::int64_t>(seconds) * world::kTicksPerSecond;
    std::string current = "details-v1-0";
    int generation = 0;
    std::int64_t deletedAt = -1;
    std::string deleted;
    double carry = 0;
    const double perTick = static_cast<double>(rate) / static_cast<double>(world::kTicksPerSecond);
    const auto feedStart = Clock::now();
    Clock::duration summaries{};
    score.observePod(Tick{0}, pod(current, world::PodState::Ready, 2));
    for (std::int64_t i = 0; i < ticks; ++i) {
        const Tick at{i};
        // A deletion a minute, after the steady-state gate's first 30 s.
        if (i % (60 * world::kTicksPerSecond) == 30 * world::kTicksPerSecond) {
            deleted = current;
            current = "details-v1-" + std::to_string(++generation);
            deletedAt = i;
            score.actionTaken(at, world::Disruption{world::DisruptionKind::PodDelete, "details-v1", deleted});
            score.observePod(at, pod(deleted, world::PodState::Terminating, 0));
            score.observePod(at, pod(current, world::PodState::Pending, 0));
        }
        const std::int64_t since = deletedAt < 0 ? -1 : i - deletedAt;
        if (since == 3 * world::kTicksPerSecond)
            score.observePod(at, pod(current, world::PodState::RunningNotReady, 1));
        if (since == 5 * world::kTicksPerSecond) score.podGone(at, deleted);
        if (since == 10 * world::kTicksPerSecond) score.observePod(at, pod(current, world::PodState::Ready, 2));
        const bool outage = since >= 0 && since < 10 * world::kTicksPerSecond;
        carry += perTick;
        for (; carry >= 1; carry -= 1) {
            world::ProbeResult probe;
            const int roll = static_cast<int>(rng.below(1000));
            if (outage ? roll < 900 : roll < 3) {
                probe.outcome = common::PageOutcome::Degraded;
                probe.failedAt = common::PagePart::Details;
            } else if (roll == 999) {
                probe.outcome = common::PageOutcome::Failed;
                probe.failedAt = common::PagePart::ProductPage;
            }
            probe.reviewsVersion = static_cast<common::ReviewsVersion>(1 + rng.below(3));
            probe.latencyMs = rng.below(500) == 0 ? 1200 : 8 + static_cast<int>(rng.below(53));
            score.observeProbe(at, probe);
            ++t.requests;
        }
        const auto before = Clock::now();
        const world::ResilienceSummary summary = score.summary();
        summaries += Clock::now() - before;
        t.actionsSeen = summary.actions;
        ++t.frames;
    }
    score.finish(Tick{ticks});
    t.feedSeconds = std::chrono::duration<double>(Clock::now() - feedStart - summaries).count();
    t.summarySeconds = std::chrono::duration<double>(summaries).count();
    const auto reportStart = Clock::now();
    const world::ResilienceReport report = score.report();
    t.reportSeconds = std::chrono::duration<double>(Clock::now() - reportStart).count();
    t.headline = report.headline.value_or(-1);
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The resilience score's cost over a long session"};
    int seconds = 3600;
    int rate = 100;
    int repetitions = 5;
    app.add_option("--seconds", seconds, "session length");
    app.add_option("--rate", rate, "probe requests a second");
    app.add_option("--repetitions", repetitions, "sessions; medians are printed");
    CLI11_PARSE(app, argc, argv);

    std::vector<double> feed, perRequest, summary, perSummary, report;
    long growth = 0;
    double headline = 0;
    std::size_t requests = 0;
    std::size_t frames = 0;
    std::size_t actions = 0;
    for (int r = 0; r < repetitions; ++r) {
        const long before = residentKiB();
        const Timing t = runSession(seconds, rate);
        if (r == 0) growth = residentKiB() - before;
        feed.push_back(t.feedSeconds * 1000);
        perRequest.push_back(t.feedSeconds * 1e9 / static_cast<double>(t.requests));
        summary.push_back(t.summarySeconds * 1000);
        perSummary.push_back(t.summarySeconds * 1e9 / static_cast<double>(t.frames));
        report.push_back(t.reportSeconds * 1000);
        headline = t.headline;
        requests = t.requests;
        frames = t.frames;
        actions = t.actionsSeen;
    }
    std::printf("session: %d s, %zu requests, %zu frames, %zu actions, %d repetitions; headline %.1f\n", seconds,
                requests, frames, actions, repetitions, headline);
    std::printf("| part | median in all | median per call |\n| --- | ---: | ---: |\n");
    std::printf("| feeding (probe results, pods, actions) | %.1f ms | %.0f ns a request |\n", median(feed),
                median(perRequest));
    std::printf("| summary() every frame (HUD) | %.1f ms | %.0f ns |\n", median(summary), median(perSummary));
    std::printf("| report() at the end | %.2f ms | |\n", median(report));
    std::printf("resident set growth, first session: %ld KiB\n", growth);
    return 0;
}
