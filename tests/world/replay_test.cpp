// Record and replay: commands as text and back, a recorded session replays to
// the same state, bad files are reported by file and line, and every file in
// tests/replays replays to the outcome recorded in it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario.hpp"
#include "world/loader/level_loader.hpp"
#include "world/replay/command_codec.hpp"
#include "world/replay/replay_reader.hpp"
#include "world/replay/replay_text.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
namespace fs = std::filesystem;

namespace {

ReplayReadResult readText(const std::string& text) {
    std::istringstream in(text);
    return ReplayReader::read(in, "bad.replay");
}

const std::string kReplayHeader = "meshlings-replay 1\nlevel sandbox\nseed 5\n";

// The test levels of the scenario replays, else levels/<id>.yaml (the campaign's recorded sessions).
std::optional<Level> testOrShippedLevel(const std::string& id) {
    if (auto level = test::testLevel(id)) return level;
    const fs::path file = fs::path(MESHLINGS_LEVEL_DIR) / (id + ".yaml");
    if (!fs::exists(file)) return std::nullopt;
    return LevelLoader::load(file);
}

}  // namespace

TEST_CASE("Replay text: words, quotes and escapes") {
    std::string error;
    const auto words = ReplayText::split(R"(12 pod "a b" "" "q\"x\\")", error);
    REQUIRE(words);
    CHECK(*words == std::vector<std::string>{"12", "pod", "a b", "", "q\"x\\"});
    CHECK(ReplayText::quote("reviews-v1-abc") == "reviews-v1-abc");
    CHECK(ReplayText::quote("") == "\"\"");
    CHECK(ReplayText::quote("no healthy upstream") == "\"no healthy upstream\"");
    CHECK_FALSE(ReplayText::split("\"open", error));
    CHECK(error == "unterminated quote at column 1");
}

TEST_CASE("CommandCodec: every command survives encode then decode") {
    PodObservation pod;
    pod.name = "reviews-v2-5b64f-x7k2p";
    pod.deployment = "reviews-v2";
    pod.app = "reviews";
    pod.version = "v2";
    pod.state = PodState::CrashLoopBackOff;
    pod.readyContainers = 1;
    pod.totalContainers = 2;
    pod.restarts = 4;
    pod.createdAtSeconds = 1'700'000'123;
    ProbeResult probe;
    probe.outcome = PageOutcome::Degraded;
    probe.reviewsVersion = ReviewsVersion::V3;
    probe.reviewsPod = "reviews-v3-1";
    probe.latencyMs = 2500;
    probe.failedAt = PagePart::Ratings;
    const std::vector<Command> commands{
        SelectPod{"ratings-v1-a"},
        SelectPod{""},
        CycleSelection{-1},
        RequestDeletePod{"details-v1-b"},
        RequestWeights{ReviewsWeights::of(10, 20, 70)},
        RequestScale{"reviews-v3", 3},
        SetPaused{true},
        PodUpserted{pod},
        PodDeleted{"x"},
        WeightsObserved{ReviewsWeights::of(0, 0, 100)},
        WeightsObserved{},
        ReplicasObserved{"details-v1", 2, 1},
        ConnectionChanged{ConnectionState::Failed, "couldn't connect: \"refused\"", "TCP connect"},
        ApiResult{7, ApiOutcome::DryRun, ""},
        ApiResult{8, ApiOutcome::Refused, "Forbidden"},
        ProbeObserved{probe},
        ProbeObserved{ProbeResult{}},
        HaltChaos{},
        RequestRetry{"ratings", RetrySettings{4, 250, "5xx,gateway-error"}},
        RequestTimeout{"reviews", TimeoutSettings{1500}},
        RequestCircuitBreaker{"details", BreakerSettings{2, 1}},
        RequestEject{"reviews", EjectSettings{1, 45}},
    };
    for (const Command& c : commands) {
        const std::string text = CommandCodec::encode(c);
        std::string error;
        const auto words = ReplayText::split(text, error);
        REQUIRE(words);
        const auto back = CommandCodec::decode(*words, error);
        INFO(text, " ", error);
        REQUIRE(back);
        CHECK(*back == c);
    }
}

TEST_CASE("Record then replay gives the identical state") {
    for (const test::Scenario& s : test::scenarios()) {
        std::ostringstream recorded;
        const std::string outcome = test::runScenario(s, recorded);
        std::istringstream in(recorded.str());
        const ReplayReadResult read = ReplayReader::read(in, s.file);
        REQUIRE_MESSAGE(read.ok(), read.errors.front().text());
        CHECK(read.replay.expectedOutcome == outcome);
        const VerifyResult verified = ReplayVerifier::verify(read.replay, test::testLevel);
        CHECK(verified.error.empty());
        CHECK(verified.observed == outcome);
        CHECK(verified.matches);
    }
}

TEST_CASE("Replay scenarios end the way their levels say") {
    std::ostringstream sink;
    const auto all = test::scenarios();
    const std::string deleteTwo = test::runScenario(all[0], sink);
    CHECK(deleteTwo.starts_with("result=won "));
    CHECK(deleteTwo.find("objectives=met,met") != std::string::npos);
    const std::string canary = test::runScenario(all[1], sink);
    CHECK(canary.starts_with("result=won "));
    const std::string sandbox = test::runScenario(all[2], sink);
    CHECK(sandbox.starts_with("result=sandbox "));
    CHECK(sandbox.find("degraded=0 ") == std::string::npos);
}

TEST_CASE("Replay reader: bad lines are reported as file:line, never a crash") {
    struct Case {
        std::string text;
        std::string error;
    };
    const std::vector<Case> cases{
        {"", "bad.replay:1: the header is incomplete"},
        {"meshlings-replay 2\n", "bad.replay:1: format version 2 is not supported (this build reads 1)"},
        {"meshlings-replay 1\nseed 4\n", "bad.replay:2: expected \"level <id>\""},
        {"meshlings-replay 1\nlevel x\nseed four\n", "bad.replay:3: seed: expected a number, got \"four\""},
        {kReplayHeader + "0 select a\nten pause on\n",
         "bad.replay:5: expected a tick (a number) or \"end\", got \"ten\""},
        {kReplayHeader + "5 pause on\n4 pause off\n", "bad.replay:5: tick 4 goes back in time (last was 5)"},
        {kReplayHeader + "# ok\n\n3 dance\n", "bad.replay:6: unknown command \"dance\""},
        {kReplayHeader + "3 weights 50 50\n", "bad.replay:4: weights takes 3 arguments, got 2"},
        {kReplayHeader + "3 weights 50 50 x\n", "bad.replay:4: v3: expected a number in 0..100, got \"x\""},
        {kReplayHeader + "3 probe ok 10 v1 - \"\"\n", "bad.replay:4: outcome: unknown value \"ok\""},
        {kReplayHeader + "3 pod a d app v1 Ready 2 0 0\n",
         "bad.replay:4: containers: expected <ready>/<total>, got \"2\""},
        {kReplayHeader + "3 connection up \"\" \"\"\n", "bad.replay:4: state: unknown value \"up\""},
        {kReplayHeader + "3 select \"a\n", "bad.replay:4: unterminated quote at column 10"},
        {kReplayHeader + "3 result 99999999999999999999999 accepted \"\"\n",
         "bad.replay:4: requestId: expected a number in 1..4611686018427387904, got \"99999999999999999999999\""},
        {kReplayHeader + "3 pause on\n", "bad.replay:5: no end line: the recording was cut short"},
        {kReplayHeader + "3 pause on\nend 2 x\n", "bad.replay:5: end: tick 2 is before the last command's"},
        {kReplayHeader + "end 3 result=sandbox\n4 pause on\n", "bad.replay:5: nothing may follow the end line"},
        {std::string("meshlings-replay 1\nlevel \x01\xff\nseed 1\n\x7f\x80 \xfe\n"),
         "bad.replay:4: expected a tick (a number) or \"end\", got \"\x7f\x80\""},
    };
    for (const Case& c : cases) {
        const ReplayReadResult result = readText(c.text);
        INFO(c.text);
        REQUIRE_FALSE(result.ok());
        CHECK(result.errors.front().text() == c.error);
    }
    const ReplayReadResult missing = ReplayReader::readFile("/nonexistent/x.replay");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.errors.front().text() == "/nonexistent/x.replay:0: cannot open the file");
}

TEST_CASE("Every replay in tests/replays replays to its recorded outcome") {
    const fs::path dir{MESHLINGS_REPLAY_DIR};
    if (std::getenv("MESHLINGS_WRITE_REPLAYS") != nullptr) {
        for (const test::Scenario& s : test::scenarios()) {
            std::ofstream out(dir / s.file, std::ios::binary | std::ios::trunc);
            test::runScenario(s, out);
        }
    }
    int played = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".replay") continue;
        const ReplayReadResult read = ReplayReader::readFile(entry.path());
        INFO(entry.path().string());
        REQUIRE_MESSAGE(read.ok(), read.errors.front().text());
        const VerifyResult result = ReplayVerifier::verify(read.replay, testOrShippedLevel);
        CHECK(result.error.empty());
        CHECK(result.observed == result.expected);
        CHECK(result.matches);
        ++played;
    }
    CHECK(played >= 3);
}
