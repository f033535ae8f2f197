#pragma once
// How many probe requests one drawn meshling stands for, so a busy walkway
// never becomes a solid mass (issue 16, "Legible chaos"). From the measured
// rate of the probe's requests (the last kWindowTicks of unpaused ticks) and
// the walkways' lengths and crossing times (the slowest pace on the map, as
// the RoutePlanner plans it), one meshling follows another on a walkway every
// rate / N seconds; N is the smallest that leaves kSpacingWidths sprite widths
// between them (1 at the levels' 10 requests a second). Every request still
// walks in the Crowd (the simulation, its figures and the replays' digests are
// the same); only every N-th is drawn, carrying N. Owned by the World.
#include <cstdint>
#include <deque>

#include "world/model/bookinfo_map.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

class CrowdDensity {
public:
    static constexpr float kMeshlingWidthTiles = 0.5F;  // 8 px of a 16 px tile
    static constexpr float kSpacingWidths = 1.5F;       // centre to centre, along one walkway
    static constexpr std::int64_t kWindowTicks = 3 * kTicksPerSecond;

    explicit CrowdDensity(const BookinfoMap& map);

    // A probe request arrived at `now`: the count its meshling is drawn for, or 0 when a drawn one stands for it.
    int admit(Tick now);

    // Requests per meshling at the last admit (1 until the rate needs more).
    int requestsPerMeshling() const { return m_perMeshling; }
    // The N for a rate (requests per second): 1 while meshlings keep their spacing.
    int perMeshlingAt(double requestsPerSecond) const;
    // Requests per second over the last window, as of the last admit.
    double measuredPerSecond() const;
    // The slowest walkway's pace, tiles per second (its length over its crossing time).
    float slowestTilesPerSecond() const { return m_tilesPerSecond; }

private:
    std::deque<Tick> m_arrivals;  // within kWindowTicks of the last admit
    float m_tilesPerSecond;
    int m_perMeshling = 1;
    int m_owed = 0;  // requests since the last drawn meshling
};

}  // namespace meshlings::world
