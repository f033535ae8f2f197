#pragma once
// The walk of one meshling: the stops it visits (the path its request really
// took), the waypoints in tile units with the tick (counted from the start of
// the walk) at which it reaches each, where it gets hurt (a degraded page) or
// dies (a failure). Immutable once planned, so identical requests share one
// route (RoutePlanner caches them).
#include <cstdint>
#include <optional>
#include <vector>

#include "world/model/bookinfo_map.hpp"
#include "world/model/vec2.hpp"

namespace meshlings::world {

struct Waypoint {
    Vec2 at;
    std::int32_t tick = 0;  // when the meshling is here, from the start of its walk; never decreasing
};

class MeshlingRoute {
public:
    MeshlingRoute(std::vector<MapNode> stops, std::vector<Waypoint> waypoints, std::int32_t hurtTick, bool endsInDeath,
                  std::optional<std::size_t> lastEdge);

    // The services visited in order: Ingress, ProductPage, Details, ProductPage, Reviews, ... Exit
    // (or ending where the request died).
    const std::vector<MapNode>& stops() const { return m_stops; }
    const std::vector<Waypoint>& waypoints() const { return m_waypoints; }
    // The tick of the last waypoint: the walk is over (exit reached, or the meshling dies).
    std::int32_t duration() const { return m_waypoints.back().tick; }
    // The tick at which the request got a broken part (degraded), or -1.
    std::int32_t hurtTick() const { return m_hurtTick; }
    bool endsInDeath() const { return m_endsInDeath; }
    MapNode endNode() const { return m_stops.back(); }
    // The walkway walked last (it flashes red where a meshling died), if any.
    std::optional<std::size_t> lastEdge() const { return m_lastEdge; }

    // Where the walk is at `tick`; `segment` is a hint kept by the caller between
    // calls with growing ticks (start it at 0), so each call is O(1) amortised.
    Vec2 positionAt(std::int32_t tick, std::size_t& segment) const;

private:
    std::vector<MapNode> m_stops;
    std::vector<Waypoint> m_waypoints;
    std::int32_t m_hurtTick = -1;
    bool m_endsInDeath = false;
    std::optional<std::size_t> m_lastEdge;
};

}  // namespace meshlings::world
