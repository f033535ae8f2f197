#pragma once
// Turns a probe result into the walk its meshling takes on the map:
//   ingress -> productpage -> details -> productpage -> reviews -> reviews-vN
//   (-> ratings -> reviews-vN, for v2 and v3) -> reviews -> productpage -> exit
// A failed request's walk stops (and the meshling dies) at the hop that
// failed; a degraded one is hurt there and limps on to the exit. Every
// walkway crossing takes kMinCrossingTicks..kMaxCrossingTicks whatever the
// real latency (slow requests, over kGoodLatencyMs, walk a bit slower), so a
// person can follow them. Routes are cached and shared. Owned by the World.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

#include "world/model/bookinfo_map.hpp"
#include "world/model/meshling_route.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

class RoutePlanner {
public:
    static constexpr float kWalkTilesPerSecond = 8.0F;
    static constexpr std::int32_t kMinCrossingTicks = 60;   // 1 s
    static constexpr std::int32_t kMaxCrossingTicks = 180;  // 3 s
    static constexpr float kSlowFactor = 1.5F;              // pace of requests slower than kGoodLatencyMs
    static constexpr std::int32_t kDwellTicks = 6;          // a pause at each service visited

    explicit RoutePlanner(const BookinfoMap& map);  // `map` must outlive the planner

    // The walk for `probe`; `reviewsPodX`, when the pod that answered is on the
    // map, is the x of its slot: the meshling walks up to that pod and back.
    std::shared_ptr<const MeshlingRoute> plan(const ProbeResult& probe, std::optional<float> reviewsPodX);

    // The services the request visited, in order (the route's stops), and the
    // index of the stop where it failed (-1 for a full page).
    static std::vector<MapNode> stopsFor(const ProbeResult& probe, int& failedStop);

    // The walk of one measured edge of mesh telemetry: along `stops` (at least two, adjacent on the map), dying at
    // the last one when `dies`, no dwell and no pod visit. Cached like plan().
    std::shared_ptr<const MeshlingRoute> planWalk(const std::vector<MapNode>& stops, bool dies);

    std::size_t cachedRoutes() const { return m_cache.size(); }

    // The ticks a walkway `length` tiles long takes to cross (at kWalkTilesPerSecond, clamped).
    static std::int32_t crossingTicksFor(float length, bool slow);

private:
    using Key = std::tuple<common::PageOutcome, common::ReviewsVersion, common::PagePart, bool, int>;

    std::shared_ptr<const MeshlingRoute> build(const ProbeResult& probe, std::optional<float> reviewsPodX) const;
    // Appends the waypoints of walking `points` (the first is where the walk already is).
    void appendCrossing(std::vector<Waypoint>& waypoints, const std::vector<Vec2>& points, bool slow) const;

    const BookinfoMap& m_map;
    std::map<Key, std::shared_ptr<const MeshlingRoute>> m_cache;
    std::map<std::pair<std::vector<MapNode>, bool>, std::shared_ptr<const MeshlingRoute>> m_walks;
};

}  // namespace meshlings::world
