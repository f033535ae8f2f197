// The level's scripted changes, taken in time order (the chaos plan, the probe rate and the weights by
// subset name are the world's: tests/world/chaos_schedule_test.cpp).
#include "app/level_director.hpp"

#include <doctest/doctest.h>

using namespace meshlings;

TEST_CASE("scripted changes are taken in time order") {
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
