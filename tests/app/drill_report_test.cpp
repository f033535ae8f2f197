// The drill report's pieces on hand-made figures: the timeline's per-second
// availability and p99, the steady state after, the status and exit code of
// each verdict, the journal's fields, and text escaped in the SVG.
#include <doctest/doctest.h>

#include <string>

#include "report/drill_record.hpp"
#include "report/journal_writer.hpp"
#include "report/markdown_writer.hpp"
#include "report/svg_charts.hpp"
#include "world/score/resilience_breakdown.hpp"

using namespace meshlings;

namespace {

world::ProbeResult probe(int latencyMs, common::PageOutcome outcome = common::PageOutcome::Full) {
    world::ProbeResult p;
    p.outcome = outcome;
    p.latencyMs = latencyMs;
    return p;
}

world::Tick at(double seconds) {
    return world::Tick{static_cast<std::int64_t>(seconds * world::kTicksPerSecond)};
}

report::DrillRecord recordOf(world::ScoreVerdict verdict, const report::DrillTimeline& timeline) {
    world::Level level;
    level.id = "drill";
    level.title = "A <drill> & more";
    level.chaos.push_back({5, world::ChaosActionKind::DeletePod, "details-v1", {}, 0});
    world::ResilienceReport r;
    r.verdict = verdict;
    world::ActionScore a;
    a.action = {world::DisruptionKind::PodDelete, "details-v1", "details-v1-abc"};
    a.atSeconds = 5;
    a.availability = 0.5;
    a.recoverySeconds = 3;
    a.score = 62.5;
    r.actions.push_back(a);
    world::ResilienceConfig config;
    config.steadyTicks = 2 * world::kTicksPerSecond;
    return report::DrillRecord::make(level, config, r, timeline, 1000, 1010, {});
}

}  // namespace

TEST_CASE("the timeline: good share and nearest-rank p99 per second, gaps kept") {
    report::DrillTimeline timeline;
    timeline.observe(at(1.1), probe(100));
    timeline.observe(at(1.5), probe(2000));  // too slow: not good
    timeline.observe(at(3.2), probe(50, common::PageOutcome::Degraded));
    const auto seconds = timeline.seconds();
    REQUIRE(seconds.size() == 3);
    CHECK(seconds[0].second == 1);
    CHECK(seconds[0].availability == doctest::Approx(0.5));
    CHECK(seconds[0].p99Ms == 2000);
    CHECK_FALSE(seconds[1].availability);
    CHECK(seconds[2].availability == doctest::Approx(0));
    CHECK(timeline.between(1, 3) == std::pair<std::uint64_t, std::uint64_t>{1, 2});
}

TEST_CASE("the steady state after: the last steady span of the session") {
    report::DrillTimeline timeline;
    timeline.observe(at(1), probe(10, common::PageOutcome::Failed));
    timeline.observe(at(8), probe(10));
    timeline.observe(at(9), probe(10));
    const auto record = recordOf(world::ScoreVerdict::Pass, timeline);
    CHECK(record.after.fromSecond == 8);
    CHECK(record.after.toSecond == 10);
    CHECK(record.after.total == 2);
    CHECK(record.after.met);
}

TEST_CASE("each verdict's journal status and exit code") {
    const report::DrillTimeline timeline;
    CHECK(recordOf(world::ScoreVerdict::Pass, timeline).status() == "completed");
    CHECK(recordOf(world::ScoreVerdict::Pass, timeline).exitCode() == 0);
    CHECK(recordOf(world::ScoreVerdict::Fail, timeline).status() == "failed");
    CHECK(recordOf(world::ScoreVerdict::Fail, timeline).exitCode() == 1);
    CHECK(recordOf(world::ScoreVerdict::Halted, timeline).status() == "interrupted");
    CHECK(recordOf(world::ScoreVerdict::Halted, timeline).exitCode() == 3);
    CHECK(recordOf(world::ScoreVerdict::NotScored, timeline).status() == "aborted");
    CHECK(recordOf(world::ScoreVerdict::NotScored, timeline).exitCode() == 3);
}

TEST_CASE("the journal: Chaos Toolkit's fields, one run entry per action with its window figures") {
    const auto record = recordOf(world::ScoreVerdict::Fail, report::DrillTimeline{});
    const auto journal = report::JournalWriter::journal(record);
    for (const char* key : {"experiment", "status", "deviated", "start", "end", "duration", "steady_states", "run",
                            "rollbacks", "resilience"}) {
        CAPTURE(key);
        CHECK(journal.contains(key));
    }
    CHECK(journal["start"] == "1970-01-01T00:16:40.000Z");
    CHECK(journal["duration"] == 10.0);
    CHECK(journal["experiment"]["method"].size() == 1);
    REQUIRE(journal["run"].size() == 1);
    CHECK(journal["run"][0]["output"]["availability"] == 0.5);
    CHECK(journal["run"][0]["output"]["recovery_seconds"] == 3.0);
    CHECK(journal["run"][0]["output"]["action_score"] == 62.5);
    CHECK(journal["resilience"]["verdict"] == "fail");
}

TEST_CASE("the Markdown names the verdict; the SVG escapes text") {
    const auto record = recordOf(world::ScoreVerdict::Fail, report::DrillTimeline{});
    CHECK(report::MarkdownWriter::markdown(record).find("**Verdict: FAIL**") != std::string::npos);
    const std::string svg = report::SvgCharts::availability(record);
    CHECK(svg.find("A &lt;drill&gt; &amp; more") != std::string::npos);
    CHECK(svg.find("<drill>") == std::string::npos);
    CHECK(report::SvgCharts::recovery(record).find("3.0 s") != std::string::npos);
}

TEST_CASE("a dry run says so at the top of report.md and in the journal, with what was not sent") {
    auto record = recordOf(world::ScoreVerdict::NotScored, report::DrillTimeline{});
    record.report.actions.clear();
    record.report.dryRuns = {{world::Disruption{world::DisruptionKind::PodDelete, "details-v1", "details-v1-a"}, 3.0}};
    record.report.reasons = {"dry run: nothing was sent to the cluster, so nothing broke (1 planned action not sent)"};
    record.armed = false;
    const std::string markdown = report::MarkdownWriter::markdown(record);
    const auto dry = markdown.find("> **DRY RUN**");
    REQUIRE(dry != std::string::npos);
    CHECK(dry < markdown.find("**Verdict:"));
    CHECK(markdown.find("> - at 3.0 s: delete details-v1 (details-v1-a)") != std::string::npos);
    CHECK(markdown.find("**Verdict: NOT SCORED**: dry run: nothing was sent") != std::string::npos);
    const auto journal = report::JournalWriter::journal(record);
    CHECK(journal["dry_run"] == true);
    REQUIRE(journal["resilience"]["not_sent"].size() == 1);
    CHECK(journal["resilience"]["not_sent"][0]["target"] == "details-v1");

    record.armed = true;
    CHECK(report::MarkdownWriter::markdown(record).find("DRY RUN") == std::string::npos);
    CHECK(report::JournalWriter::journal(record)["dry_run"] == false);
}

TEST_CASE("the headline states the reason for the verdict and the score beside the pass mark") {
    auto record = recordOf(world::ScoreVerdict::Fail, report::DrillTimeline{});
    record.report.reasons = {"error budget spent: 72 bad of 600 requests, 30.0 allowed at SLO 95.0 %",
                             "headline 62.5 below the pass mark 80"};
    record.report.headline = 62.5;
    record.report.passScore = 80;
    const std::string markdown = report::MarkdownWriter::markdown(record);
    CHECK(markdown.find("**Verdict: FAIL**: error budget spent: 72 bad of 600 requests, 30.0 allowed at SLO 95.0 % "
                        "(and 1 more reason); score 62.5 (pass mark 80)") != std::string::npos);
    CHECK(world::ResilienceBreakdown::headlineLine(record.report) ==
          "FAIL: error budget spent: 72 bad of 600 requests, 30.0 allowed at SLO 95.0 % (and 1 more reason); "
          "score 62.5 (pass mark 80)");
}
