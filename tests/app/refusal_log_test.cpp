// Issue 17, case 8b. Expected: headless play and drills say why an action
// was refused (here by the blast cap): on stdout as it happens, once per
// reason, and in the summary (which the drill report takes in as a reason).
// Observed before: their effect sink was the null one, so a refused action
// left no trace outside the window's message log.
#include "app/refusal_log.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "world/model/world.hpp"

using namespace meshlings;

namespace {

world::PodObservation refusedPod(const std::string& name, const std::string& deployment) {
    world::PodObservation p;
    p.name = name;
    p.deployment = deployment;
    p.app = "details";
    p.version = "v1";
    p.state = world::PodState::Ready;
    p.readyContainers = 2;
    p.totalContainers = 2;
    return p;
}

void stepRefusing(world::World& world, std::vector<world::Command> commands) {
    for (auto& command : commands) world.submit(std::move(command));
    world.step();
}

}  // namespace

TEST_CASE("RefusalLog says why the blast cap refused an action, on stdout and in the summary") {
    std::ostringstream out;
    app::RefusalLog log(out);
    world::Level level;
    level.id = "safety";
    level.safety.allowLastReadyPodDelete = false;
    level.safety.maxDeletesPerMinute = 10;
    world::World world(level, 1, log);
    stepRefusing(world, {world::PodUpserted{refusedPod("details-v1-a", "details-v1")}});
    stepRefusing(world, {world::RequestDeletePod{"details-v1-a"}});
    stepRefusing(world, {world::RequestDeletePod{"details-v1-a"}});
    CHECK(world.takeRequests().empty());
    CHECK(log.count() == 2);
    CHECK(out.str() == "meshlings: refused: details-v1 has no other Ready pod (safety: allow-last-ready-pod-delete)\n");
    CHECK(log.summaryLines() ==
          "refused 2 times: details-v1 has no other Ready pod (safety: allow-last-ready-pod-delete)\n");
}
