#include "world/model/telemetry_traffic.hpp"

#include <algorithm>

#include "world/model/decimal_text.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

std::optional<std::string> TelemetryTraffic::observe(const TelemetryObserved& reading) {
    const bool changed =
        !m_observed || reading.connected != m_reading.connected || reading.failedStep != m_reading.failedStep;
    std::vector<Credit> credits(reading.edges.size());
    for (std::size_t i = 0; i < reading.edges.size(); ++i) {  // an edge measured again keeps its credit
        for (std::size_t j = 0; j < m_reading.edges.size(); ++j) {
            const TelemetryEdge& before = m_reading.edges[j];
            if (before.from == reading.edges[i].from && before.to == reading.edges[i].to) credits[i] = m_credits[j];
        }
    }
    m_observed = true;
    m_reading = reading;
    m_credits = std::move(credits);
    if (!changed) return std::nullopt;
    if (reading.connected) return std::string("Prometheus connected");
    return "Prometheus down: " + reading.failedStep;
}

double TelemetryTraffic::measuredPerSecond() const {
    double sum = 0;
    for (const TelemetryEdge& edge : m_reading.edges) sum += edge.milliPerSecond / 1000.0;
    return sum;
}

double TelemetryTraffic::drawnPerSecond() const {
    return std::min(measuredPerSecond(), kMaxMeshlingsPerSecond);
}

std::vector<MapNode> TelemetryTraffic::stopsFor(const TelemetryEdge& edge) {
    const bool version =
        edge.to == MapNode::ReviewsV1 || edge.to == MapNode::ReviewsV2 || edge.to == MapNode::ReviewsV3;
    if (version && edge.from != MapNode::Reviews) return {edge.from, MapNode::Reviews, edge.to};
    return {edge.from, edge.to};
}

void TelemetryTraffic::step(Crowd& crowd, RoutePlanner& planner, common::Rng& rng) {
    const double measured = measuredPerSecond();
    if (!m_reading.connected || measured <= 0) return;
    const double scale = std::min(1.0, kMaxMeshlingsPerSecond / measured);
    constexpr std::int64_t kOne = 1000 * kTicksPerSecond;  // a meshling, in milli-requests per second x ticks
    for (std::size_t i = 0; i < m_reading.edges.size(); ++i) {
        const TelemetryEdge& edge = m_reading.edges[i];
        Credit& credit = m_credits[i];
        credit.spawn += static_cast<std::int64_t>(static_cast<double>(edge.milliPerSecond) * scale);
        while (credit.spawn >= kOne) {
            credit.spawn -= kOne;
            credit.failure += edge.failurePermille;
            const bool fails = credit.failure >= 1000;
            if (fails) credit.failure -= 1000;
            ProbeResult look;
            look.outcome = fails ? common::PageOutcome::Failed : common::PageOutcome::Full;
            if (crowd.spawn(look, planner.planWalk(stopsFor(edge), fails), rng)) ++m_spawned;
        }
    }
}

std::string TelemetryTraffic::hudText() const {
    if (!m_observed) return "";
    if (!m_reading.connected) return "Prometheus down: " + m_reading.failedStep;
    return "telemetry: " + decimalText(measuredPerSecond(), 1) + " req/s on " + std::to_string(m_reading.edges.size()) +
           " edges";
}

}  // namespace meshlings::world
