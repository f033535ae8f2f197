// The level's traffic plan as probe rates, and initial weights as ReviewsWeights.
#include <doctest/doctest.h>

#include "level_director.hpp"

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
