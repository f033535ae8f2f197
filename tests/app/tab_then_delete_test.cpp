// Regression: Tab then Delete in one frame deleted the previous selection.
// The PlayerController read the world's selection when the key came, while
// the Tab of the same frame was still queued as a command; the world now
// resolves "the selected pod" at the tick the delete applies, and records
// the pod it resolved.
// Expected: the pod Tab moved to is asked to be deleted.
// Observed before: details-v1-a (the pod selected before the Tab).
#include <doctest/doctest.h>

#include "app/player_controller.hpp"
#include "one_frame.hpp"
#include "world/model/world.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

TEST_CASE("Tab then Delete in one frame deletes the newly selected pod, and the recording names it") {
    world::NullEffectSink effects;
    world::World world(world::ReplayVerifier::sandboxLevel(), 1, effects);
    std::vector<world::Command> recorded;
    world.setCommandListener([&recorded](world::Tick, const world::Command& c) { recorded.push_back(c); });
    testing::stepFrame(world,
                       {world::PodUpserted{testing::readyPodOf("details-v1-a")},
                        world::PodUpserted{testing::readyPodOf("details-v1-b")},
                        world::PodUpserted{testing::readyPodOf("details-v1-c")}, world::SelectPod{"details-v1-a"}});
    REQUIRE(world.selectedPod() == "details-v1-a");

    app::PlayerController controller;
    controller.handle(app::Action::SelectNext, world);
    controller.handle(app::Action::DeleteSelected, world);  // the same frame: the Tab is not applied yet
    recorded.clear();
    testing::stepFrame(world, controller.takeCommands());
    const std::string next = world.selectedPod();
    REQUIRE(next != "details-v1-a");
    REQUIRE_FALSE(next.empty());
    const auto requests = world.takeRequests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].pod == next);
    REQUIRE(recorded.size() == 2);
    CHECK(recorded[1] == world::Command{world::RequestDeletePod{next}});
}

TEST_CASE("Delete with nothing selected asks for nothing and records nothing") {
    world::NullEffectSink effects;
    world::World world(world::ReplayVerifier::sandboxLevel(), 1, effects);
    std::vector<world::Command> recorded;
    world.setCommandListener([&recorded](world::Tick, const world::Command& c) { recorded.push_back(c); });
    testing::stepFrame(world, {world::PodUpserted{testing::readyPodOf("details-v1-a")}});
    app::PlayerController controller;
    recorded.clear();
    controller.handle(app::Action::DeleteSelected, world);
    testing::stepFrame(world, controller.takeCommands());
    CHECK(world.takeRequests().empty());
    CHECK(recorded.empty());
}
