// Regression: Tab then + (or -) in one frame scaled the previous selection's
// Deployment. The PlayerController read the world's selection and the
// Deployment's desired count when the key came, while the Tab of the same
// frame was still queued as a command; the world now resolves "the selected
// pod's Deployment, one more (fewer)" at the tick the scale applies, and
// records the Deployment and count it resolved, so a replay is exact.
// Expected: ratings-v1 (the Deployment of the pod Tab moved to) asked for 2.
// Observed before: details-v1 asked for 2.
#include <doctest/doctest.h>

#include "app/player_controller.hpp"
#include "one_frame.hpp"
#include "world/model/world.hpp"
#include "world/replay/command_codec.hpp"
#include "world/replay/replay_text.hpp"
#include "world/replay/replay_verifier.hpp"

using namespace meshlings;

namespace {

// details-v1-a (selected) and ratings-v1-a, each Deployment at one replica.
struct TwoDeployments {
    world::NullEffectSink effects;
    world::World world{world::ReplayVerifier::sandboxLevel(), 1, effects};
    std::vector<world::Command> recorded;

    explicit TwoDeployments(int ratingsDesired = 1) {
        world.setCommandListener([this](world::Tick, const world::Command& c) { recorded.push_back(c); });
        testing::stepFrame(world, {world::PodUpserted{testing::readyPodOf("details-v1-a")},
                                   world::PodUpserted{testing::readyPodOf("ratings-v1-a", "ratings-v1")},
                                   world::ReplicasObserved{"details-v1", 1, 1},
                                   world::ReplicasObserved{"ratings-v1", ratingsDesired, ratingsDesired},
                                   world::SelectPod{"details-v1-a"}});
        recorded.clear();
    }
};

}  // namespace

TEST_CASE("Tab then + in one frame scales the newly selected pod's Deployment, and the recording names it") {
    TwoDeployments rig;
    REQUIRE(rig.world.selectedPod() == "details-v1-a");
    app::PlayerController controller;
    controller.handle(app::Action::SelectNext, rig.world);
    controller.handle(app::Action::ScaleUp, rig.world);  // the same frame: the Tab is not applied yet
    testing::stepFrame(rig.world, controller.takeCommands());
    REQUIRE(rig.world.selectedPod() == "ratings-v1-a");
    const auto requests = rig.world.takeRequests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].kind == world::ClusterRequestKind::ScaleDeployment);
    CHECK(requests[0].deployment == "ratings-v1");
    CHECK(requests[0].replicas == 2);
    REQUIRE(rig.recorded.size() == 2);
    const world::Command resolved = world::RequestScale{"ratings-v1", 2};
    CHECK(rig.recorded[1] == resolved);
    // The replay line holds the resolved Deployment and count, and reads back as the same command.
    const std::string line = world::CommandCodec::encode(rig.recorded[1]);
    CHECK(line == "scale ratings-v1 2");
    std::string error;
    const auto words = world::ReplayText::split(line, error);
    REQUIRE(words);
    CHECK(world::CommandCodec::decode(*words, error) == std::optional<world::Command>{resolved});
}

TEST_CASE("Tab then - in one frame scales the newly selected pod's Deployment down by one") {
    TwoDeployments rig(3);
    app::PlayerController controller;
    controller.handle(app::Action::SelectNext, rig.world);
    controller.handle(app::Action::ScaleDown, rig.world);
    testing::stepFrame(rig.world, controller.takeCommands());
    REQUIRE(rig.recorded.size() == 2);
    CHECK(rig.recorded[1] == world::Command{world::RequestScale{"ratings-v1", 2}});
}

TEST_CASE("+ at the most replicas, - at none, or nothing selected: nothing asked, nothing recorded") {
    TwoDeployments rig(app::PlayerController::kMaxReplicas);
    app::PlayerController controller;
    controller.handle(app::Action::SelectNext, rig.world);
    controller.handle(app::Action::ScaleUp, rig.world);  // ratings-v1 is at the most already
    testing::stepFrame(rig.world, controller.takeCommands());
    CHECK(rig.world.takeRequests().empty());
    CHECK(rig.recorded.size() == 1);  // the Tab only

    TwoDeployments none(0);
    none.world.submit(world::SelectPod{"ratings-v1-a"});
    controller.handle(app::Action::ScaleDown, none.world);
    testing::stepFrame(none.world, controller.takeCommands());
    CHECK(none.world.takeRequests().empty());

    TwoDeployments cleared;
    cleared.world.submit(world::SelectPod{""});
    controller.handle(app::Action::ScaleUp, cleared.world);
    testing::stepFrame(cleared.world, controller.takeCommands());
    CHECK(cleared.world.takeRequests().empty());
    CHECK(cleared.recorded.size() == 1);  // the SelectPod only
}
