// The level's safety rules as the World enforces them on player actions:
// the last Ready pod of a Deployment, a scale to 0, and deletes per minute.
// A refused action queues no request and says why in the message log.
#include "world/level/blast_radius_cap.hpp"

#include <doctest/doctest.h>

#include "collecting_sink.hpp"
#include "world/model/world.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using meshlings::world::test::CollectingSink;
using meshlings::world::test::pod;
using meshlings::world::test::readyPod;
using meshlings::world::test::stepWith;

namespace {

Level safeLevel(bool allowLast, int perMinute) {
    Level level;
    level.id = "safety";
    level.safety.allowLastReadyPodDelete = allowLast;
    level.safety.maxDeletesPerMinute = perMinute;
    return level;
}

void stepTo(World& world, std::int64_t tick) {
    while (world.now().value < tick) world.step();
}

}  // namespace

TEST_CASE("BlastRadiusCap: the last Ready pod of a Deployment is not deleted by default") {
    CollectingSink sink;
    World world(safeLevel(false, 10), 1, sink);
    stepWith(world,
             {PodUpserted{readyPod("details-v1-a", "details-v1")}, PodUpserted{readyPod("details-v1-b", "details-v1")},
              PodUpserted{pod("ratings-v1-a", "ratings-v1", PodState::Ready)},
              PodUpserted{pod("ratings-v1-b", "ratings-v1", PodState::CrashLoopBackOff)}});
    stepWith(world, {RequestDeletePod{"details-v1-a"}});
    const auto first = world.takeRequests();
    REQUIRE(first.size() == 1);
    CHECK(first[0].pod == "details-v1-a");

    // details-v1-a is being deleted: b is the last Ready pod staying.
    stepWith(world, {RequestDeletePod{"details-v1-b"}});
    CHECK(world.takeRequests().empty());
    CHECK(world.hud().lastMessage ==
          "refused: details-v1 has no other Ready pod (safety: allow-last-ready-pod-delete)");
    CHECK_FALSE(world.pods().find("details-v1-b")->requestInFlight.has_value());

    // A pod that is not Ready is no Ready pod lost; the Ready one is the last.
    stepWith(world, {RequestDeletePod{"ratings-v1-b"}});
    CHECK(world.takeRequests().size() == 1);
    stepWith(world, {RequestDeletePod{"ratings-v1-a"}});
    CHECK(world.takeRequests().empty());
    CHECK(sink.hasMessage("refused: ratings-v1 has no other Ready pod"));
}

TEST_CASE("BlastRadiusCap: a scale to 0 of a Deployment with a Ready pod is refused; to 1 or of none is not") {
    CollectingSink sink;
    World world(safeLevel(false, 10), 1, sink);
    stepWith(world, {PodUpserted{readyPod("details-v1-a", "details-v1")},
                     PodUpserted{pod("ratings-v1-a", "ratings-v1", PodState::CrashLoopBackOff)}});
    stepWith(world, {RequestScale{"details-v1", 0}});
    CHECK(world.takeRequests().empty());
    CHECK(world.hud().lastMessage ==
          "refused: scaling details-v1 to 0 removes its last Ready pod (safety: allow-last-ready-pod-delete)");
    stepWith(world, {RequestScale{"details-v1", 1}, RequestScale{"ratings-v1", 0}});
    CHECK(world.takeRequests().size() == 2);
}

TEST_CASE("BlastRadiusCap: allow-last-ready-pod-delete lets the last pod go and a scale to 0") {
    CollectingSink sink;
    World world(safeLevel(true, 10), 1, sink);
    stepWith(world, {PodUpserted{readyPod("details-v1-a", "details-v1")}});
    stepWith(world, {RequestDeletePod{"details-v1-a"}, RequestScale{"details-v1", 0}});
    CHECK(world.takeRequests().size() == 2);
    CHECK_FALSE(sink.hasMessage("refused"));
}

TEST_CASE("BlastRadiusCap: max-deletes-per-minute counts deletes sent in the last 60 s of level time") {
    CollectingSink sink;
    World world(safeLevel(true, 2), 1, sink);
    std::vector<Command> pods;
    for (const char* name : {"reviews-v1-a", "reviews-v1-b", "reviews-v1-c", "reviews-v1-d"}) {
        pods.emplace_back(PodUpserted{readyPod(name, "reviews-v1")});
    }
    stepWith(world, std::move(pods));
    stepWith(world, {RequestDeletePod{"reviews-v1-a"}});  // sent at tick 1
    stepTo(world, ticksFromSeconds(30));
    stepWith(world, {RequestDeletePod{"reviews-v1-b"}});  // sent at 30 s
    CHECK(world.takeRequests().size() == 2);

    stepWith(world, {RequestDeletePod{"reviews-v1-c"}});  // 2 in the last 60 s
    CHECK(world.takeRequests().empty());
    CHECK(world.hud().lastMessage == "refused: 2 deletes in the last 60 s already (safety: max-deletes-per-minute 2)");

    // 60 s after the first one it no longer counts.
    stepTo(world, 1 + BlastRadiusCap::kWindowTicks);
    stepWith(world, {RequestDeletePod{"reviews-v1-c"}});
    CHECK(world.takeRequests().size() == 1);
    stepWith(world, {RequestDeletePod{"reviews-v1-d"}});
    CHECK(world.takeRequests().empty());
}
