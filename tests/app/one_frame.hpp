#pragma once
// What the one-frame selection tests (Tab then Delete, Tab then +/-) share:
// a Ready pod of a Deployment, and one world step that applies the frame's
// commands. Written once so the app tests compile as one unity file.
#include <string>
#include <utility>
#include <vector>

#include "world/model/world.hpp"

namespace meshlings::testing {

inline world::PodObservation readyPodOf(const std::string& name, const std::string& deployment = "details-v1") {
    world::PodObservation p;
    p.name = name;
    p.deployment = deployment;
    p.app = deployment.substr(0, deployment.find('-'));
    p.version = "v1";
    p.state = world::PodState::Ready;
    p.readyContainers = p.totalContainers = 2;
    return p;
}

inline void stepFrame(world::World& world, std::vector<world::Command> commands) {
    for (auto& command : commands) world.submit(std::move(command));
    world.step();
}

}  // namespace meshlings::testing
