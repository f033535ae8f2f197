// The level's traffic plan as probe rates, and initial weights as ReviewsWeights.
#include "app/level_director.hpp"

#include <doctest/doctest.h>

using namespace meshlings;

TEST_CASE("traffic doubles every period up to the maximum; steady without doubling") {
    world::Level level;
    level.traffic.requestsPerSecond = 5;
    level.traffic.doubleEverySeconds = 30;
    level.traffic.maxRequestsPerSecond = 80;
    app::LevelDirector director(level, std::nullopt, true);
    CHECK(director.rateAt(0) == 5);
    CHECK(director.rateAt(29.9) == 5);
    CHECK(director.rateAt(30) == 10);
    CHECK(director.rateAt(90) == 40);
    CHECK(director.rateAt(1000) == 80);
    level.traffic.doubleEverySeconds = 0;
    CHECK(app::LevelDirector(level, std::nullopt, true).rateAt(500) == 5);
}

TEST_CASE("initial weights by subset name; scripted changes are taken in time order") {
    CHECK(app::LevelDirector::weightsOf({{"v1", 50}, {"v3", 50}}) == world::ReviewsWeights::of(50, 0, 50));
    world::Level level;
    level.script = {{10, {"reviews-v3", std::nullopt, {{"meshlings.dev/error-rate", "0.8"}}}},
                    {20, {"ratings-v1", 2, {}}}};
    app::LevelDirector director(level, std::nullopt, true);  // no cluster: nothing is called
    director.update(5);
    CHECK(director.scriptedDone() == 0);
    director.update(10);
    CHECK(director.scriptedDone() == 1);
    director.update(60);
    CHECK(director.scriptedDone() == 2);
    CHECK(director.idle());
    CHECK(director.takeProblems().empty());
}

TEST_CASE("the chaos plan comes due as the player's commands: a Ready pod of the deployment, weights, a scale") {
    world::Level level;
    level.chaos = {{5, world::ChaosActionKind::DeletePod, "details-v1", {}, 0},
                   {10, world::ChaosActionKind::SetWeights, "", {{"v1", 0}, {"v3", 100}}, 0},
                   {10, world::ChaosActionKind::Scale, "ratings-v1", {}, 0},
                   {20, world::ChaosActionKind::DeletePod, "reviews-v2", {}, 0}};
    const world::BookinfoMap map;
    world::PodBoard pods(map);
    world::NullEffectSink effects;
    const auto pod = [](const std::string& name, const std::string& deployment, world::PodState state) {
        world::PodObservation o;
        o.name = name;
        o.deployment = deployment;
        o.app = "details";
        o.version = "v1";
        o.state = state;
        return o;
    };
    pods.upsert(pod("details-v1-a", "details-v1", world::PodState::Terminating), world::Tick{0}, effects);
    pods.upsert(pod("details-v1-b", "details-v1", world::PodState::ContainerCreating), world::Tick{0}, effects);
    pods.upsert(pod("details-v1-c", "details-v1", world::PodState::Ready), world::Tick{0}, effects);

    app::LevelDirector director(level, std::nullopt, true);
    CHECK(director.chaosDue(4.9, pods).empty());
    const auto first = director.chaosDue(5, pods);
    REQUIRE(first.size() == 1);
    CHECK(first[0] == world::Command{world::RequestDeletePod{"details-v1-c"}});
    CHECK(director.chaosDue(5, pods).empty());  // handed out once
    const auto next = director.chaosDue(12, pods);
    REQUIRE(next.size() == 2);
    CHECK(next[0] == world::Command{world::RequestWeights{world::ReviewsWeights::of(0, 0, 100)}});
    CHECK(next[1] == world::Command{world::RequestScale{"ratings-v1", 0}});
    CHECK(director.takeProblems().empty());
    CHECK(director.chaosDue(30, pods).empty());  // no reviews-v2 pod: nothing deleted, a problem said
    const auto problems = director.takeProblems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("reviews-v2") != std::string::npos);
    CHECK(director.chaosDone() == 4);
}
