// Mesh telemetry in the world: TelemetryObserved as a replay line (encode,
// decode, bad lines), its edges drawn as meshlings at the measured rate
// (scaled past the cap, failures dying) without touching the probe's
// figures or the score, the HUD's telemetry line, and a recorded session
// with telemetry replaying to the same digest.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "test_levels.hpp"
#include "world/model/world_digest.hpp"
#include "world/replay/command_codec.hpp"
#include "world/replay/recorder.hpp"
#include "world/replay/replay_reader.hpp"
#include "world/replay/replay_text.hpp"
#include "world/replay/replay_verifier.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using namespace meshlings::common;

namespace {

TelemetryObserved measured(std::vector<TelemetryEdge> edges) {
    return TelemetryObserved{true, "", "", std::move(edges)};
}

std::optional<Command> decodeLine(const std::string& line, std::string& error) {
    const auto words = ReplayText::split(line, error);
    REQUIRE(words);
    return CommandCodec::decode(*words, error);
}

}  // namespace

TEST_CASE("TelemetryObserved: a replay line that reads back to the same command") {
    const TelemetryObserved up = measured(
        {{MapNode::Ingress, MapNode::ProductPage, 20000, 0}, {MapNode::ProductPage, MapNode::ReviewsV2, 6667, 400}});
    const TelemetryObserved down{
        false, "destination traffic", "Prometheus destination traffic: cannot read http://127.0.0.1:9: refused", {}};
    CHECK(CommandCodec::encode(up) ==
          "telemetry up \"\" \"\" 2 ingress productpage 20000 0 productpage reviews-v2 6667 400");
    CHECK(CommandCodec::encode(down) ==
          "telemetry down \"destination traffic\" \"Prometheus destination traffic: cannot read "
          "http://127.0.0.1:9: refused\" 0");
    for (const TelemetryObserved& c : {up, down}) {
        std::string error;
        const auto back = decodeLine(CommandCodec::encode(c), error);
        INFO(error);
        REQUIRE(back);
        CHECK(*back == Command{c});
    }
    struct Bad {
        std::string line;
        std::string error;
    };
    for (const Bad& bad : std::vector<Bad>{
             {"telemetry up \"\" \"\"", "telemetry takes at least 4 arguments, got 3"},
             {"telemetry maybe \"\" \"\" 0", "telemetry: expected up or down, got \"maybe\""},
             {"telemetry up \"\" \"\" 1 ingress productpage 5", "telemetry with 1 edges takes 8 arguments, got 7"},
             {"telemetry up \"\" \"\" 1 ingress moon 5 0", "to: unknown value \"moon\""},
             {"telemetry up \"\" \"\" 1 ingress details 5 1001",
              "failurePermille: expected a number in 0..1000, got \"1001\""},
         }) {
        std::string error;
        CHECK_FALSE(decodeLine(bad.line, error));
        CHECK(error == bad.error);
    }
}

TEST_CASE("measured edges walk as meshlings at their rate; failures die; the probe's figures stay untouched") {
    NullEffectSink effects;
    World world(*test::testLevel("sandbox"), 3, effects);
    // 6 req/s into productpage, 2 req/s to details of which half fail, 1 req/s to reviews-v3 through the junction.
    test::stepWith(world, {measured({{MapNode::Ingress, MapNode::ProductPage, 6000, 0},
                                     {MapNode::ProductPage, MapNode::Details, 2000, 500},
                                     {MapNode::ProductPage, MapNode::ReviewsV3, 1000, 0}})});
    for (int i = 1; i < 10 * kTicksPerSecond; ++i) world.step();
    CHECK(world.telemetry().spawned() == 90);  // (6 + 2 + 1) req/s x 10 s
    CHECK(world.meshlings().spawned() == 90);
    // Every second details meshling fails: 10 of 20, dead or still walking to their death.
    const auto failing = std::count_if(
        world.meshlings().all().begin(), world.meshlings().all().end(),
        [](const Meshling& m) { return m.outcome() == PageOutcome::Failed && m.state() != MeshlingState::Dying; });
    CHECK(world.meshlings().died() + static_cast<std::uint64_t>(failing) == 10);
    CHECK(world.meshlings().died() >= 5);
    CHECK(world.stats().total() == 0);  // not the probe's requests
    CHECK(world.hud().requests == 0);
    CHECK(world.hud().telemetry == "telemetry: 9.0 req/s on 3 edges");
    CHECK(TelemetryTraffic::stopsFor({MapNode::ProductPage, MapNode::ReviewsV3, 1, 0}) ==
          std::vector<MapNode>{MapNode::ProductPage, MapNode::Reviews, MapNode::ReviewsV3});

    // Prometheus goes down: no new meshlings, the HUD names the step.
    test::stepWith(world, {TelemetryObserved{false, "destination traffic", "refused", {}}});
    const auto before = world.telemetry().spawned();
    for (int i = 0; i < kTicksPerSecond; ++i) world.step();
    CHECK(world.telemetry().spawned() == before);
    CHECK(world.hud().telemetry == "Prometheus down: destination traffic");
    CHECK(world.hud().lastMessage == "Prometheus down: destination traffic");
}

TEST_CASE("a busy mesh is drawn at most kMaxMeshlingsPerSecond, every edge scaled alike") {
    NullEffectSink effects;
    World world(*test::testLevel("sandbox"), 3, effects);
    test::stepWith(world, {measured({{MapNode::Ingress, MapNode::ProductPage, 300000, 0},
                                     {MapNode::ProductPage, MapNode::Details, 100000, 0}})});
    for (int i = 1; i < 10 * kTicksPerSecond; ++i) world.step();
    CHECK(world.telemetry().drawnPerSecond() == doctest::Approx(TelemetryTraffic::kMaxMeshlingsPerSecond));
    CHECK(world.telemetry().spawned() == 200);  // 20 per second for 10 s, of 400 measured per second
}

TEST_CASE("a session with telemetry records and replays to the same digest") {
    std::ostringstream recorded;
    {
        NullEffectSink effects;
        World world(*test::testLevel("sandbox"), 5, effects);
        Recorder recorder(recorded, ReplayHeader{kReplayFormatVersion, "sandbox", 5});
        world.setCommandListener(recorder.listener());
        for (int t = 0; t < 8 * kTicksPerSecond; ++t) {
            if (t == 10) world.submit(measured({{MapNode::Ingress, MapNode::ProductPage, 7300, 100}}));
            if (t == 200) world.submit(TelemetryObserved{false, "connect", "refused", {}});
            if (t == 300) world.submit(measured({{MapNode::ReviewsV2, MapNode::Ratings, 4100, 250}}));
            world.step();
        }
        recorder.finish(world);
        CHECK(world.telemetry().spawned() > 20);
    }
    CHECK(recorded.str().find(" telemetry up ") != std::string::npos);
    std::istringstream in(recorded.str());
    const ReplayReadResult read = ReplayReader::read(in, "telemetry.replay");
    REQUIRE_MESSAGE(read.ok(), read.errors.front().text());
    const VerifyResult verified = ReplayVerifier::verify(read.replay, test::testLevel);
    CHECK(verified.error.empty());
    CHECK(verified.matches);
}
