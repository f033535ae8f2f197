#include "world/model/pod_observation.hpp"

#include <array>
#include <utility>

namespace meshlings::world {
namespace {

constexpr std::array<std::pair<PodState, std::string_view>, 6> kPodStateNames{{
    {PodState::Pending, "Pending"},
    {PodState::ContainerCreating, "ContainerCreating"},
    {PodState::RunningNotReady, "RunningNotReady"},
    {PodState::Ready, "Ready"},
    {PodState::Terminating, "Terminating"},
    {PodState::CrashLoopBackOff, "CrashLoopBackOff"},
}};

}  // namespace

std::string_view podStateName(PodState state) {
    for (const auto& [s, name] : kPodStateNames) {
        if (s == state) return name;
    }
    return "Unknown";
}

std::optional<PodState> podStateFromName(std::string_view name) {
    for (const auto& [s, n] : kPodStateNames) {
        if (n == name) return s;
    }
    return std::nullopt;
}

bool isDown(PodState state) {
    return state == PodState::Terminating || state == PodState::CrashLoopBackOff;
}

bool isRecovering(PodState state) {
    return state == PodState::Pending || state == PodState::ContainerCreating || state == PodState::RunningNotReady;
}

}  // namespace meshlings::world
