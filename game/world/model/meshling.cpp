#include "world/model/meshling.hpp"

#include <utility>

namespace meshlings::world {

Meshling::Meshling(std::uint64_t id, const ProbeResult& probe, std::shared_ptr<const MeshlingRoute> route, Vec2 offset,
                   std::int32_t startDelay)
    : m_id(id),
      m_route(std::move(route)),
      m_offset(offset),
      m_delay(startDelay),
      m_outcome(probe.outcome),
      m_version(probe.reviewsVersion),
      m_slow(probe.latencyMs > kGoodLatencyMs) {
    m_position = m_route->waypoints().front().at + m_offset;
    m_previous = m_position;
}

bool Meshling::limping() const {
    return m_outcome == common::PageOutcome::Degraded && m_route->hurtTick() >= 0 &&
           m_walkTicks >= m_route->hurtTick() && m_state != MeshlingState::Waiting;
}

int Meshling::walkFrame(int frames) const {
    if (frames <= 0) return 0;
    return static_cast<int>((m_walkTicks / kTicksPerWalkFrame) % frames);
}

Meshling::Event Meshling::step() {
    m_previous = m_position;
    switch (m_state) {
        case MeshlingState::Waiting:
            if (m_delay > 0) --m_delay;
            if (m_delay == 0) m_state = MeshlingState::Walking;
            return Event::None;
        case MeshlingState::Walking: {
            ++m_walkTicks;
            m_position = m_route->positionAt(m_walkTicks, m_segment) + m_offset;
            if (m_position.x < m_previous.x) m_facingLeft = true;
            if (m_position.x > m_previous.x) m_facingLeft = false;
            if (m_walkTicks < m_route->duration()) return Event::None;
            if (m_route->endsInDeath()) {
                m_state = MeshlingState::Dying;
                return Event::Died;
            }
            m_state = MeshlingState::Gone;
            return Event::ReachedExit;
        }
        case MeshlingState::Dying:
            if (++m_dyingTicks >= kDeathTicks) m_state = MeshlingState::Gone;
            return Event::None;
        case MeshlingState::Gone:
            break;
    }
    return Event::None;
}

}  // namespace meshlings::world
