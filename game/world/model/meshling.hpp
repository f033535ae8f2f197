#pragma once
// One request of the probe as a little walker. It waits a moment in the hatch
// (so a burst does not come out as one blob), walks its route, then either
// leaves through the exit or dies where its request failed and plays a death
// of kDeathTicks. It keeps its position before and after the last step so the
// renderer can interpolate: positionAt(alpha) with alpha in [0, 1] as the
// fraction of a tick elapsed since the last World::step().
#include <cstdint>
#include <memory>

#include "world/model/meshling_route.hpp"
#include "world/model/probe_result.hpp"
#include "world/model/vec2.hpp"

namespace meshlings::world {

enum class MeshlingState : std::uint8_t {
    Waiting,  // in the hatch, about to drop
    Walking,
    Dying,  // the death animation; dyingTicks() counts up to kDeathTicks
    Gone,   // left or dead; removed at the end of the step
};

class Meshling {
public:
    static constexpr std::int32_t kDeathTicks = 45;
    static constexpr std::int32_t kTicksPerWalkFrame = 6;

    enum class Event : std::uint8_t { None, ReachedExit, Died };

    Meshling(std::uint64_t id, const ProbeResult& probe, std::shared_ptr<const MeshlingRoute> route, Vec2 offset,
             std::int32_t startDelay);

    Event step();

    std::uint64_t id() const { return m_id; }
    MeshlingState state() const { return m_state; }
    common::PageOutcome outcome() const { return m_outcome; }
    common::ReviewsVersion reviewsVersion() const { return m_version; }  // the badge it carries
    bool slow() const { return m_slow; }                                 // over kGoodLatencyMs
    // A degraded request past the part that failed: it limps (grey) the rest of the way.
    bool limping() const;

    Vec2 position() const { return m_position; }
    Vec2 previousPosition() const { return m_previous; }
    Vec2 positionAt(float alpha) const { return lerp(m_previous, m_position, alpha); }
    bool facingLeft() const { return m_facingLeft; }

    // Ticks walked so far; the walk cycle frame for an animation of `frames` frames.
    std::int32_t walkTicks() const { return m_walkTicks; }
    int walkFrame(int frames) const;
    std::int32_t dyingTicks() const { return m_dyingTicks; }
    std::int32_t waitingTicks() const { return m_delay; }  // ticks still to wait in the hatch
    const MeshlingRoute& route() const { return *m_route; }

    // The requests this meshling is drawn for (CrowdDensity): 1 as a rule, N on a busy map, 0 when it is not
    // drawn (a drawn one stands for it). It walks either way.
    int stands() const { return m_stands; }
    bool drawn() const { return m_stands > 0; }
    void setStands(int requests) { m_stands = requests; }

private:
    std::uint64_t m_id;
    std::shared_ptr<const MeshlingRoute> m_route;
    Vec2 m_offset;
    Vec2 m_position;
    Vec2 m_previous;
    std::size_t m_segment = 0;
    std::int32_t m_delay;
    std::int32_t m_walkTicks = 0;
    std::int32_t m_dyingTicks = 0;
    int m_stands = 1;
    MeshlingState m_state = MeshlingState::Waiting;
    common::PageOutcome m_outcome;
    common::ReviewsVersion m_version;
    bool m_slow;
    bool m_facingLeft = false;
};

}  // namespace meshlings::world
