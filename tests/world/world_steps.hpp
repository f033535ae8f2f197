#pragma once
// Small helpers the world tests share: pod observations, a tick from
// seconds, and a step of the world with some commands.
#include <string>
#include <utility>
#include <vector>

#include "world/model/world.hpp"

namespace meshlings::world::test {

// A Ready Bookinfo pod, 2/2 (app and version from "app-version").
inline PodObservation readyPod(const std::string& name, const std::string& deployment) {
    PodObservation p;
    p.name = name;
    p.deployment = deployment;
    p.app = deployment.substr(0, deployment.find('-'));
    p.version = deployment.substr(deployment.find('-') + 1);
    p.state = PodState::Ready;
    p.readyContainers = p.totalContainers = 2;
    return p;
}

// A pod in `state`, nothing else known of its containers.
inline PodObservation pod(const std::string& name, const std::string& deployment, PodState state) {
    PodObservation p;
    p.name = name;
    p.deployment = deployment;
    p.app = deployment.substr(0, deployment.rfind('-'));
    p.version = deployment.substr(deployment.rfind('-') + 1);
    p.state = state;
    return p;
}

inline Tick at(double seconds) {
    return Tick::fromSeconds(seconds);
}

// Submits `commands`, then steps once.
inline void stepWith(World& world, std::vector<Command> commands) {
    for (Command& c : commands) world.submit(std::move(c));
    world.step();
}

}  // namespace meshlings::world::test
