#pragma once
// One pod as the world keeps it: the last observation, where it stands, since
// when it looks the way it does, and what the player is doing to it. Plain
// data owned by the PodBoard; the renderer reads it to pick the sprite
// (observed.state, or the "gone" look while `gone`) and to time animations
// (World::now() - stateSince).
#include <cstdint>
#include <optional>

#include "world/model/bookinfo_map.hpp"
#include "world/model/pod_observation.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

struct Pod {
    PodObservation observed;
    std::optional<MapNode> node;  // empty: not a Bookinfo pod; tracked but not drawn
    int slot = -1;                // its place on the platform, kept for the pod's life
    Vec2 at;                      // BookinfoMap::podSlot(node, slot)
    Tick firstSeen;
    Tick stateSince;                               // when observed.state (or gone) last changed
    bool gone = false;                             // deleted from the API: drawn as "gone" for PodBoard::kGoneTicks
    std::optional<std::uint64_t> requestInFlight;  // a delete waiting for the API: draw a spinner
    Tick ghostUntil;                               // a dry-run delete was accepted: draw a ghost until then
};

}  // namespace meshlings::world
