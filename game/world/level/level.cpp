#include "world/level/level.hpp"

#include <array>
#include <utility>

namespace meshlings::world {
namespace {

constexpr std::array<std::pair<ObjectiveKind, std::string_view>, 6> kObjectiveKindNames{{
    {ObjectiveKind::KeepServed, "keep-served"},
    {ObjectiveKind::DeletePods, "delete-pods"},
    {ObjectiveKind::ShiftTraffic, "shift-traffic"},
    {ObjectiveKind::ShiftAwayFrom, "shift-away-from"},
    {ObjectiveKind::KeepP99Below, "keep-p99-below"},
    {ObjectiveKind::Survive, "survive"},
}};

constexpr std::array<std::pair<ChaosActionKind, std::string_view>, 9> kChaosNames{{
    {ChaosActionKind::DeletePod, "delete-pod"},
    {ChaosActionKind::SetWeights, "set-weights"},
    {ChaosActionKind::Scale, "scale"},
    {ChaosActionKind::Retry, "retry"},
    {ChaosActionKind::Timeout, "timeout"},
    {ChaosActionKind::CircuitBreaker, "circuit-breaker"},
    {ChaosActionKind::Eject, "eject"},
    {ChaosActionKind::NodeDown, "node-down"},
    {ChaosActionKind::NodeUp, "node-up"},
}};

}  // namespace

std::string_view chaosActionKindName(ChaosActionKind kind) {
    for (const auto& [k, name] : kChaosNames) {
        if (k == kind) return name;
    }
    return "unknown";
}

std::string_view objectiveKindName(ObjectiveKind kind) {
    for (const auto& [k, name] : kObjectiveKindNames) {
        if (k == kind) return name;
    }
    return "unknown";
}

std::optional<ObjectiveKind> objectiveKindFromName(std::string_view name) {
    for (const auto& [k, n] : kObjectiveKindNames) {
        if (n == name) return k;
    }
    return std::nullopt;
}

}  // namespace meshlings::world
