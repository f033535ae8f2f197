#include "world/model/route_planner.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::world {
namespace {

constexpr std::size_t kMaxCachedRoutes = 4096;

constexpr float kTicksPerSecondF = static_cast<float>(kTicksPerSecond);

bool callsRatings(common::ReviewsVersion v) {
    return v == common::ReviewsVersion::V2 || v == common::ReviewsVersion::V3;
}

float polylineLength(const std::vector<Vec2>& points) {
    float length = 0;
    for (std::size_t i = 1; i < points.size(); ++i) length += (points[i] - points[i - 1]).length();
    return length;
}

int findStop(const std::vector<MapNode>& stops, MapNode node) {
    const auto it = std::find(stops.begin(), stops.end(), node);
    return it == stops.end() ? -1 : static_cast<int>(it - stops.begin());
}

// From the platform's anchor (the last waypoint) to the pod that answered, a
// pause there, and back to the anchor unless the walk ends at the pod.
void visitPod(std::vector<Waypoint>& waypoints, float podX, bool endsThere) {
    const Vec2 anchor = waypoints.back().at;
    const Vec2 pod{podX, anchor.y};
    const auto walk = std::max<std::int32_t>(
        1, static_cast<std::int32_t>(
               std::lround(std::abs(pod.x - anchor.x) / RoutePlanner::kWalkTilesPerSecond * kTicksPerSecondF)));
    waypoints.push_back({pod, waypoints.back().tick + walk});
    if (endsThere) return;
    waypoints.push_back({pod, waypoints.back().tick + RoutePlanner::kDwellTicks});
    waypoints.push_back({anchor, waypoints.back().tick + walk});
}

}  // namespace

RoutePlanner::RoutePlanner(const BookinfoMap& map) : m_map(map) {}

std::vector<MapNode> RoutePlanner::stopsFor(const ProbeResult& probe, int& failedStop) {
    using enum MapNode;
    const common::ReviewsVersion version = probe.reviewsVersion;
    const MapNode versionNode = BookinfoMap::nodeForVersion(version);
    std::vector<MapNode> stops{Ingress, ProductPage, Details, ProductPage, Reviews};
    if (version != common::ReviewsVersion::None) {
        stops.push_back(versionNode);
        if (callsRatings(version)) {
            stops.push_back(Ratings);
            stops.push_back(versionNode);
        }
        stops.push_back(Reviews);
    }
    stops.push_back(ProductPage);
    stops.push_back(Exit);

    failedStop = -1;
    if (probe.outcome == common::PageOutcome::Full) return stops;
    switch (probe.failedAt) {
        case common::PagePart::Ingress:
            failedStop = 0;
            break;
        case common::PagePart::None:
        case common::PagePart::ProductPage:
            failedStop = 1;
            break;
        case common::PagePart::Details:
            failedStop = 2;
            break;
        case common::PagePart::Ratings:
            failedStop = findStop(stops, Ratings);
            [[fallthrough]];
        case common::PagePart::Reviews:
            if (failedStop < 0) failedStop = findStop(stops, versionNode);
            break;
    }
    if (failedStop < 0) failedStop = 1;
    if (probe.outcome == common::PageOutcome::Failed) stops.resize(static_cast<std::size_t>(failedStop) + 1);
    return stops;
}

std::shared_ptr<const MeshlingRoute> RoutePlanner::plan(const ProbeResult& probe, std::optional<float> reviewsPodX) {
    const bool slow = probe.latencyMs > kGoodLatencyMs;
    const int podKey = reviewsPodX ? static_cast<int>(std::lround(*reviewsPodX * 16.0F)) : -1;
    const Key key{probe.outcome, probe.reviewsVersion, probe.failedAt, slow, podKey};
    if (const auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    auto route = build(probe, reviewsPodX);
    if (m_cache.size() >= kMaxCachedRoutes) m_cache.clear();
    m_cache.emplace(key, route);
    return route;
}

std::int32_t RoutePlanner::crossingTicksFor(float length, bool slow) {
    const float seconds = length / kWalkTilesPerSecond * (slow ? kSlowFactor : 1.0F);
    const auto ticks = static_cast<std::int32_t>(std::lround(seconds * kTicksPerSecondF));
    return std::clamp(ticks, kMinCrossingTicks, kMaxCrossingTicks);
}

void RoutePlanner::appendCrossing(std::vector<Waypoint>& waypoints, const std::vector<Vec2>& points, bool slow) const {
    const std::int32_t start = waypoints.back().tick;
    const std::int32_t total = crossingTicksFor(polylineLength(points), slow);
    const float length = std::max(polylineLength(points), 0.001F);
    float walked = 0;
    for (std::size_t p = 1; p < points.size(); ++p) {
        walked += (points[p] - points[p - 1]).length();
        const auto at = start + static_cast<std::int32_t>(std::lround(walked / length * static_cast<float>(total)));
        waypoints.push_back({points[p], at});
    }
}

std::shared_ptr<const MeshlingRoute> RoutePlanner::build(const ProbeResult& probe,
                                                         std::optional<float> reviewsPodX) const {
    int failedStop = -1;
    std::vector<MapNode> stops = stopsFor(probe, failedStop);
    const bool slow = probe.latencyMs > kGoodLatencyMs;
    const MapNode versionNode = BookinfoMap::nodeForVersion(probe.reviewsVersion);

    std::vector<Waypoint> waypoints{{m_map.platform(stops.front()).anchor, 0}};
    std::int32_t hurtTick = failedStop == 0 ? 0 : -1;
    std::optional<std::size_t> lastEdge;
    bool visitedPod = false;
    for (std::size_t i = 1; i < stops.size(); ++i) {
        const std::vector<Vec2> points = m_map.walk(stops[i - 1], stops[i]);
        if (points.empty()) continue;
        lastEdge = m_map.edgeBetween(stops[i - 1], stops[i]);
        appendCrossing(waypoints, points, slow);
        if (static_cast<int>(i) == failedStop) hurtTick = waypoints.back().tick;
        const bool last = i + 1 == stops.size();
        if (stops[i] == versionNode && probe.reviewsVersion != common::ReviewsVersion::None && reviewsPodX &&
            !visitedPod) {
            visitedPod = true;
            visitPod(waypoints, *reviewsPodX, last);
        } else if (!last) {
            waypoints.push_back({points.back(), waypoints.back().tick + kDwellTicks});
        }
    }
    const bool dies = probe.outcome == common::PageOutcome::Failed;
    return std::make_shared<const MeshlingRoute>(std::move(stops), std::move(waypoints), hurtTick, dies,
                                                 dies ? lastEdge : std::nullopt);
}

std::shared_ptr<const MeshlingRoute> RoutePlanner::planWalk(const std::vector<MapNode>& stops, bool dies) {
    auto& route = m_walks[{stops, dies}];
    if (route) return route;
    std::vector<Waypoint> waypoints{{m_map.platform(stops.front()).anchor, 0}};
    std::optional<std::size_t> lastEdge;
    for (std::size_t i = 1; i < stops.size(); ++i) {
        const std::vector<Vec2> points = m_map.walk(stops[i - 1], stops[i]);
        if (points.empty()) continue;
        lastEdge = m_map.edgeBetween(stops[i - 1], stops[i]);
        appendCrossing(waypoints, points, false);
    }
    if (waypoints.size() == 1) waypoints.push_back({waypoints.front().at, kMinCrossingTicks});  // not on the map: stand
    route =
        std::make_shared<const MeshlingRoute>(stops, std::move(waypoints), -1, dies, dies ? lastEdge : std::nullopt);
    return route;
}

}  // namespace meshlings::world
