#include "world/model/traffic_health.hpp"

#include <algorithm>

#include "world/model/route_planner.hpp"
#include "world/model/telemetry_traffic.hpp"

namespace meshlings::world {

HealthLevel healthLevel(const EdgeHealth& health) {
    const std::optional<double> share = health.failureShare();
    if (!share) return HealthLevel::Idle;
    if (*share >= kFailureShare) return HealthLevel::Failure;
    if (*share > 0) return HealthLevel::Degraded;
    return HealthLevel::Healthy;
}

TrafficHealth::TrafficHealth(const BookinfoMap& map) : m_map(map), m_probeCounts(map.edges().size()) {}

void TrafficHealth::attributeReviews(ProbeResult& probe, const ReviewsWeights& weights) {
    using common::PageOutcome;
    using common::PagePart;
    const bool pageMade = probe.outcome != PageOutcome::Failed ||
                          (probe.failedAt != PagePart::Ingress && probe.failedAt != PagePart::ProductPage &&
                           probe.failedAt != PagePart::None);
    if (!pageMade) return;  // productpage never asked reviews
    constexpr double kCreditLimit = 5;
    for (std::size_t i = 0; i < 3; ++i) {
        const double share = weights.defined ? weights.percent[i] / 100.0 : 1.0 / 3.0;
        m_reviewsCredit[i] = std::min(kCreditLimit, m_reviewsCredit[i] + share);
    }
    static constexpr common::ReviewsVersion kVersions[3] = {common::ReviewsVersion::V1, common::ReviewsVersion::V2,
                                                            common::ReviewsVersion::V3};
    std::size_t answered = 3;
    if (probe.reviewsVersion != common::ReviewsVersion::None) {
        for (std::size_t i = 0; i < 3; ++i) answered = kVersions[i] == probe.reviewsVersion ? i : answered;
    } else if (probe.failedAt == PagePart::Reviews) {
        answered = static_cast<std::size_t>(std::max_element(m_reviewsCredit.begin(), m_reviewsCredit.end()) -
                                            m_reviewsCredit.begin());
        probe.reviewsVersion = kVersions[answered];
    }
    if (answered < 3) m_reviewsCredit[answered] = std::max(-kCreditLimit, m_reviewsCredit[answered] - 1);
}

void TrafficHealth::addProbe(ProbeResult probe, Tick now, const ReviewsWeights& weights) {
    attributeReviews(probe, weights);
    int failedStop = -1;
    const std::vector<MapNode> stops = RoutePlanner::stopsFor(probe, failedStop);
    Sample sample{now, {}};
    for (std::size_t i = 1; i < stops.size(); ++i) {
        const std::optional<std::size_t> edge = m_map.edgeBetween(stops[i - 1], stops[i]);
        if (!edge) continue;
        // The way back (a reviews version to the junction, the junction to productpage) is the same walkway
        // answering: only the way there counts as a request on it.
        const MapEdge& e = m_map.edges()[*edge];
        if (e.from != stops[i - 1] && static_cast<int>(i) != failedStop) continue;
        // A reviews version that failed never asked ratings.
        if (failedStop >= 0 && static_cast<int>(i) > failedStop && stops[i - 1] == stops[failedStop]) continue;
        sample.hops.push_back({*edge, static_cast<int>(i) == failedStop});
    }
    if (!m_firstProbe) m_firstProbe = now;
    count(sample, 1);
    m_window.push_back(std::move(sample));
}

void TrafficHealth::count(const Sample& sample, int sign) {
    for (const Hop& hop : sample.hops) {
        m_probeCounts[hop.edge].first += sign;
        if (hop.failed) m_probeCounts[hop.edge].second += sign;
    }
}

void TrafficHealth::observe(const TelemetryObserved& reading) {
    m_telemetry.clear();
    if (!reading.connected) return;
    m_telemetry.resize(m_map.edges().size());
    for (const TelemetryEdge& t : reading.edges) {
        const std::vector<MapNode> stops = TelemetryTraffic::stopsFor(t);
        const double rate = t.milliPerSecond / 1000.0;
        for (std::size_t i = 1; i < stops.size(); ++i) {
            const std::optional<std::size_t> edge = m_map.edgeBetween(stops[i - 1], stops[i]);
            if (!edge) continue;
            EdgeHealth& h = m_telemetry[*edge];
            h.measured = true;
            h.perSecond += rate;
            if (i + 1 == stops.size()) h.failedPerSecond += rate * t.failurePermille / 1000.0;
        }
    }
}

void TrafficHealth::step(Tick now) {
    m_now = now;
    while (!m_window.empty() && now - m_window.front().at > kWindowTicks) {
        count(m_window.front(), -1);
        m_window.pop_front();
    }
}

double TrafficHealth::windowSeconds() const {
    if (!m_firstProbe) return 1;
    const std::int64_t ticks = std::clamp<std::int64_t>(m_now - *m_firstProbe, kTicksPerSecond, kWindowTicks);
    return static_cast<double>(ticks) / static_cast<double>(kTicksPerSecond);
}

EdgeHealth TrafficHealth::edge(std::size_t index) const {
    if (index < m_telemetry.size() && m_telemetry[index].perSecond > 0) return m_telemetry[index];
    EdgeHealth h;
    if (index >= m_probeCounts.size()) return h;
    const double seconds = windowSeconds();
    h.perSecond = m_probeCounts[index].first / seconds;
    h.failedPerSecond = m_probeCounts[index].second / seconds;
    return h;
}

EdgeHealth TrafficHealth::into(MapNode node) const {
    EdgeHealth total;
    const std::vector<MapEdge>& edges = m_map.edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (edges[i].to != node) continue;
        const EdgeHealth h = edge(i);
        total.perSecond += h.perSecond;
        total.failedPerSecond += h.failedPerSecond;
        total.measured = total.measured || h.measured;
    }
    return total;
}

}  // namespace meshlings::world
