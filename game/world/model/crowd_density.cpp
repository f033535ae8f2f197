#include "world/model/crowd_density.hpp"

#include <algorithm>
#include <cmath>

#include "world/model/route_planner.hpp"

namespace meshlings::world {

CrowdDensity::CrowdDensity(const BookinfoMap& map) : m_tilesPerSecond(RoutePlanner::kWalkTilesPerSecond) {
    for (const MapEdge& edge : map.edges()) {
        float length = 0;
        for (std::size_t i = 1; i < edge.points.size(); ++i) length += (edge.points[i] - edge.points[i - 1]).length();
        const auto seconds =
            static_cast<float>(RoutePlanner::crossingTicksFor(length, false)) / static_cast<float>(kTicksPerSecond);
        if (length > 0 && seconds > 0) m_tilesPerSecond = std::min(m_tilesPerSecond, length / seconds);
    }
}

int CrowdDensity::perMeshlingAt(double requestsPerSecond) const {
    // One meshling every N / rate seconds, walking `pace` tiles a second: N / rate * pace tiles apart.
    const double spacing = static_cast<double>(kSpacingWidths * kMeshlingWidthTiles);
    const double wanted = requestsPerSecond * spacing / static_cast<double>(m_tilesPerSecond);
    return std::max(1, static_cast<int>(std::ceil(wanted - 1e-9)));
}

double CrowdDensity::measuredPerSecond() const {
    return static_cast<double>(m_arrivals.size()) * static_cast<double>(kTicksPerSecond) /
           static_cast<double>(kWindowTicks);
}

int CrowdDensity::admit(Tick now) {
    m_arrivals.push_back(now);
    while (!m_arrivals.empty() && now - m_arrivals.front() >= kWindowTicks) m_arrivals.pop_front();
    m_perMeshling = perMeshlingAt(measuredPerSecond());
    if (++m_owed < m_perMeshling) return 0;
    m_owed = 0;
    return m_perMeshling;
}

}  // namespace meshlings::world
