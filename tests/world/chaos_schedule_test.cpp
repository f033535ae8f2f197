// The level's own decisions in the world: when the chaos plan's actions come
// due and which pod a delete takes (ChaosSchedule alone), the probe's rate
// from the traffic plan, and the World making the plan its own requests at
// the due tick -- not recorded, made again by a replay, stopped by HaltChaos.
#include "world/level/chaos_schedule.hpp"

#include <doctest/doctest.h>

#include <map>
#include <utility>
#include <vector>

#include "world/model/world.hpp"
#include "world/model/world_digest.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;

namespace {

// test-delete's kind of level with a chaos plan: details-v1 deleted at 2 s, ratings-v1 scaled to 0 at 3 s.
Level chaosPlanLevel() {
    Level level;
    level.id = "test-chaos";
    level.timeLimitSeconds = 60;
    level.safety.allowLastReadyPodDelete = true;
    level.chaos = {{2, ChaosActionKind::DeletePod, "details-v1", {}, 0},
                   {3, ChaosActionKind::Scale, "ratings-v1", {}, 0}};
    return level;
}

using TimedCommands = std::vector<std::pair<Tick, Command>>;
using TimedRequests = std::vector<std::pair<std::int64_t, ClusterRequest>>;

// Steps `world` for `seconds`, the first tick with the cluster's pods and the connection; returns the requests
// the world made, by tick.
TimedRequests runChaosPlan(World& world, double seconds, const TimedCommands& replayed = {}) {
    TimedRequests made;
    const std::int64_t ticks = Tick::fromSeconds(seconds).value;
    for (std::int64_t t = 0; t < ticks; ++t) {
        if (replayed.empty() && t == 0) {
            world.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
            world.submit(PodUpserted{test::readyPod("details-v1-a", "details-v1")});
            world.submit(PodUpserted{test::readyPod("ratings-v1-a", "ratings-v1")});
        }
        for (const auto& [at, command] : replayed) {
            if (at.value == t) world.submit(command);
        }
        world.step();
        for (ClusterRequest& r : world.takeRequests()) made.emplace_back(t, std::move(r));
    }
    return made;
}

}  // namespace

TEST_CASE("the chaos plan comes due as commands: a Ready pod of the deployment, weights, a scale, each once") {
    Level level;
    level.chaos = {{5, ChaosActionKind::DeletePod, "details-v1", {}, 0},
                   {10, ChaosActionKind::SetWeights, "", {{"v1", 0}, {"v3", 100}}, 0},
                   {10, ChaosActionKind::Scale, "ratings-v1", {}, 0},
                   {20, ChaosActionKind::DeletePod, "reviews-v2", {}, 0}};
    const BookinfoMap map;
    PodBoard pods(map);
    NullEffectSink effects;
    pods.upsert(test::pod("details-v1-a", "details-v1", PodState::Terminating), Tick{0}, effects);
    pods.upsert(test::pod("details-v1-b", "details-v1", PodState::ContainerCreating), Tick{0}, effects);
    pods.upsert(test::pod("details-v1-c", "details-v1", PodState::Ready), Tick{0}, effects);

    ChaosSchedule chaos(level);
    CHECK(chaos.due(4.9, pods).commands.empty());
    const auto first = chaos.due(5, pods);
    REQUIRE(first.commands.size() == 1);
    CHECK(first.commands[0] == Command{RequestDeletePod{"details-v1-c"}});
    CHECK(chaos.due(5, pods).commands.empty());  // handed out once
    const auto next = chaos.due(12, pods);
    REQUIRE(next.commands.size() == 2);
    CHECK(next.commands[0] == Command{RequestWeights{ReviewsWeights::of(0, 0, 100)}});
    CHECK(next.commands[1] == Command{RequestScale{"ratings-v1", 0}});
    CHECK(next.problems.empty());
    const auto last = chaos.due(30, pods);  // no reviews-v2 pod: nothing deleted, a problem said
    CHECK(last.commands.empty());
    REQUIRE(last.problems.size() == 1);
    CHECK(last.problems[0].find("reviews-v2") != std::string::npos);
    CHECK(chaos.done() == 4);
    // Without a Ready one, a pod not already going; none at all: "".
    CHECK(ChaosSchedule::podToDelete("details-v1", pods) == "details-v1-c");
    pods.upsert(test::pod("details-v1-c", "details-v1", PodState::Terminating), Tick{1}, effects);
    CHECK(ChaosSchedule::podToDelete("details-v1", pods) == "details-v1-b");
    CHECK(ChaosSchedule::podToDelete("productpage-v1", pods).empty());
}

TEST_CASE("traffic doubles every period up to the maximum; steady without doubling") {
    Level level;
    level.traffic.requestsPerSecond = 5;
    level.traffic.doubleEverySeconds = 30;
    level.traffic.maxRequestsPerSecond = 80;
    const ChaosSchedule chaos(level);
    CHECK(chaos.rateAt(0) == 5);
    CHECK(chaos.rateAt(29.9) == 5);
    CHECK(chaos.rateAt(30) == 10);
    CHECK(chaos.rateAt(90) == 40);
    CHECK(chaos.rateAt(1000) == 80);
    level.traffic.doubleEverySeconds = 0;
    CHECK(ChaosSchedule(level).rateAt(500) == 5);
}

TEST_CASE("a level's weights by subset name") {
    CHECK(weightsOfSubsets({{"v1", 50}, {"v3", 50}}) == ReviewsWeights::of(50, 0, 50));
    CHECK(weightsOfSubsets({{"v2", 100}, {"v9", 10}}) == ReviewsWeights::of(0, 100, 0));
}

TEST_CASE("the world makes the chaos plan its own requests at the due tick; a replay makes them again") {
    NullEffectSink effects;
    World world(chaosPlanLevel(), 5, effects);
    TimedCommands recorded;
    world.setCommandListener([&recorded](Tick at, const Command& c) { recorded.emplace_back(at, c); });
    const TimedRequests made = runChaosPlan(world, 4);
    REQUIRE(made.size() == 2);
    // The clock runs from the first connected tick (0): after tick 119 the level is 2 s old, so the delete due
    // at 2 s is made at tick 120, before that step's commands.
    CHECK(made[0].second.kind == ClusterRequestKind::DeletePod);
    CHECK(made[0].second.pod == "details-v1-a");
    CHECK(made[0].first == 2 * kTicksPerSecond);
    CHECK(made[1].second.kind == ClusterRequestKind::ScaleDeployment);
    CHECK(made[1].second.deployment == "ratings-v1");
    CHECK(made[1].second.replicas == 0);
    CHECK(world.chaos().done() == 2);
    for (const auto& [at, command] : recorded) {  // the world's own: not in the recording
        CHECK_FALSE(std::holds_alternative<RequestDeletePod>(command));
        CHECK_FALSE(std::holds_alternative<RequestScale>(command));
    }

    World replay(chaosPlanLevel(), 5, effects);
    const TimedRequests again = runChaosPlan(replay, 4, recorded);
    REQUIRE(again.size() == made.size());
    for (std::size_t i = 0; i < made.size(); ++i) {
        CHECK(again[i].first == made[i].first);
        CHECK(again[i].second == made[i].second);
    }
    CHECK(WorldDigest::of(replay) == WorldDigest::of(world));
}

TEST_CASE("after HaltChaos the plan makes nothing, and the halt is recorded") {
    NullEffectSink effects;
    World world(chaosPlanLevel(), 5, effects);
    TimedCommands recorded;
    world.setCommandListener([&recorded](Tick at, const Command& c) { recorded.emplace_back(at, c); });
    runChaosPlan(world, 1);
    test::stepWith(world, {HaltChaos{}});
    REQUIRE_FALSE(recorded.empty());
    CHECK(recorded.back().second == Command{HaltChaos{}});
    for (int t = 0; t < 4 * kTicksPerSecond; ++t) {
        world.step();
        CHECK(world.takeRequests().empty());
    }
    CHECK(world.rules().elapsedTicks() > 3 * kTicksPerSecond);  // the plan's times have come
    CHECK(world.chaos().done() == 0);
}

TEST_CASE("a delete the plan cannot make is a problem for the app to show, once") {
    Level level = chaosPlanLevel();
    level.chaos = {{1, ChaosActionKind::DeletePod, "reviews-v2", {}, 0}};
    NullEffectSink effects;
    World world(level, 5, effects);
    CHECK(runChaosPlan(world, 2).empty());
    const auto problems = world.takeChaosProblems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("chaos delete-pod reviews-v2 at 1 s") != std::string::npos);
    CHECK(world.takeChaosProblems().empty());
}
