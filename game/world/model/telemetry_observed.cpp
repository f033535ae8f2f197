#include "world/model/telemetry_observed.hpp"

#include <array>

namespace meshlings::world {

namespace {
constexpr std::array<std::string_view, kMapNodeCount> kNodeNames{
    "ingress", "productpage", "details", "reviews", "reviews-v1", "reviews-v2", "reviews-v3", "ratings", "exit"};
}

std::string_view telemetryNodeName(MapNode node) {
    return kNodeNames[static_cast<std::size_t>(node)];
}

std::optional<MapNode> telemetryNodeFromName(std::string_view name) {
    for (std::size_t i = 0; i < kNodeNames.size(); ++i) {
        if (kNodeNames[i] == name) return static_cast<MapNode>(i);
    }
    return std::nullopt;
}

}  // namespace meshlings::world
