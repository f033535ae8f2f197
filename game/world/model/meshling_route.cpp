#include "world/model/meshling_route.hpp"

#include <utility>

namespace meshlings::world {

MeshlingRoute::MeshlingRoute(std::vector<MapNode> stops, std::vector<Waypoint> waypoints, std::int32_t hurtTick,
                             bool endsInDeath, std::optional<std::size_t> lastEdge)
    : m_stops(std::move(stops)),
      m_waypoints(std::move(waypoints)),
      m_hurtTick(hurtTick),
      m_endsInDeath(endsInDeath),
      m_lastEdge(lastEdge) {
    if (m_waypoints.empty()) m_waypoints.push_back(Waypoint{});
    if (m_stops.empty()) m_stops.push_back(MapNode::Ingress);
}

Vec2 MeshlingRoute::positionAt(std::int32_t tick, std::size_t& segment) const {
    const std::size_t last = m_waypoints.size() - 1;
    if (tick <= 0 || last == 0) {
        segment = 0;
        return m_waypoints.front().at;
    }
    if (tick >= m_waypoints[last].tick) {
        segment = last;
        return m_waypoints[last].at;
    }
    if (segment > last || m_waypoints[segment].tick > tick) segment = 0;
    while (segment + 1 < last && m_waypoints[segment + 1].tick <= tick) ++segment;
    const Waypoint& a = m_waypoints[segment];
    const Waypoint& b = m_waypoints[segment + 1];
    const std::int32_t span = b.tick - a.tick;
    if (span <= 0) return b.at;
    return lerp(a.at, b.at, static_cast<float>(tick - a.tick) / static_cast<float>(span));
}

}  // namespace meshlings::world
