#pragma once
// Everyone else's traffic on the map: the last TelemetryObserved's edges,
// each turned into meshlings walking that walkway at the measured rate
// (all edges scaled down together when their sum passes
// kMaxMeshlingsPerSecond, so a busy mesh stays readable), every
// 1/failure-share-th of them dying at its end. No Rng draw decides which
// (a running credit per edge does), so the same commands give the same
// crowd. These meshlings are not the probe's requests: they never reach
// RequestStats or the resilience score. Owned by the World.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "world/model/crowd.hpp"
#include "world/model/route_planner.hpp"
#include "world/model/telemetry_observed.hpp"

namespace meshlings::world {

class TelemetryTraffic {
public:
    static constexpr double kMaxMeshlingsPerSecond = 20;

    // Takes a new reading; returns the message for the HUD's line when the state changed (first reading,
    // connected <-> down, or another failing step).
    std::optional<std::string> observe(const TelemetryObserved& reading);
    // Spawns this tick's meshlings (call once per unpaused tick).
    void step(Crowd& crowd, RoutePlanner& planner, common::Rng& rng);

    bool observed() const { return m_observed; }
    bool connected() const { return m_reading.connected; }
    const TelemetryObserved& reading() const { return m_reading; }
    double measuredPerSecond() const;  // sum of the edges' rates
    double drawnPerSecond() const;     // after scaling
    std::uint64_t spawned() const { return m_spawned; }
    // "telemetry: 41.3 req/s on 8 edges", "Prometheus down: destination traffic", or empty before any reading.
    std::string hudText() const;

    // The stops a meshling of `edge` walks: a reviews version is reached through the reviews junction.
    static std::vector<MapNode> stopsFor(const TelemetryEdge& edge);

private:
    struct Credit {                // integers: the same readings give the same meshlings on every machine
        std::int64_t spawn = 0;    // milli-requests per second x ticks; a meshling at 1000 x kTicksPerSecond
        std::int64_t failure = 0;  // per mille; a failing meshling at 1000
    };
    bool m_observed = false;
    TelemetryObserved m_reading;
    std::vector<Credit> m_credits;  // one per edge of m_reading
    std::uint64_t m_spawned = 0;
};

}  // namespace meshlings::world
