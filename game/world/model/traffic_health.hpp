#pragma once
// How healthy each walkway and each service is, as Kiali shows it: requests
// per second and the share of them that failed, per edge of the map and into
// each node. From the probe's requests of the last 10 s (a request that
// failed counts as a failure on the walkway into the service where it
// failed), and, while the mesh telemetry (TelemetryObserved) is read, from
// its measured rates instead (everyone's traffic, per reviews version). The
// renderer colours the walkways by it and makes a pod whose answers fail look
// sick. A page whose reviews failed does not say which version failed (the
// error page names no pod): such a failure is put on the version that fell
// furthest behind the share of answers the reviews weights give it (a running
// credit per version, so the same commands give the same figures). Not part of the replay's digest: derived from
// commands. Owned by the World.
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "world/model/bookinfo_map.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/model/telemetry_observed.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

struct EdgeHealth {
    double perSecond = 0;
    double failedPerSecond = 0;
    bool measured = false;  // from the mesh telemetry (else from the probe)

    // The failing share (0..1); nullopt without traffic.
    std::optional<double> failureShare() const {
        if (perSecond <= 0) return std::nullopt;
        return failedPerSecond / perSecond;
    }
};

// Kiali's health of an HTTP edge with its default tolerances (any 5xx is
// Degraded, 10 % or more is Failure; docs: bookinfo-istio.md, "Edge and node
// health colours"); Idle without traffic.
enum class HealthLevel : std::uint8_t { Idle, Healthy, Degraded, Failure };
HealthLevel healthLevel(const EdgeHealth& health);
inline constexpr double kFailureShare = 0.10;

class TrafficHealth {
public:
    // What arrives now: short enough that a version which starts failing looks sick within a few seconds.
    static constexpr std::int64_t kWindowTicks = 10 * kTicksPerSecond;

    explicit TrafficHealth(const BookinfoMap& map);  // `map` must outlive it

    // `weights`: the cluster's reviews weights now, for a reviews failure that names no version.
    void addProbe(ProbeResult probe, Tick now, const ReviewsWeights& weights);
    void observe(const TelemetryObserved& reading);
    // Drops the probe's requests older than the window (once per tick).
    void step(Tick now);

    // The walkway edges()[index]; the telemetry's figures while it is read and has traffic there.
    EdgeHealth edge(std::size_t index) const;
    // Everything arriving at `node` (the walkways that end there).
    EdgeHealth into(MapNode node) const;

private:
    struct Hop {
        std::size_t edge = 0;
        bool failed = false;
    };
    struct Sample {
        Tick at;
        std::vector<Hop> hops;
    };
    void count(const Sample& sample, int sign);
    // The version a reviews failure without one is put on; keeps the credits.
    void attributeReviews(ProbeResult& probe, const ReviewsWeights& weights);
    double windowSeconds() const;

    const BookinfoMap& m_map;
    std::deque<Sample> m_window;
    std::vector<std::pair<int, int>> m_probeCounts;  // per edge: requests, failures in the window
    std::vector<EdgeHealth> m_telemetry;             // per edge; empty while no reading is connected
    std::optional<Tick> m_firstProbe;
    std::array<double, 3> m_reviewsCredit{};  // per version: answers its weight owed it, less those it gave
    Tick m_now;
};

}  // namespace meshlings::world
