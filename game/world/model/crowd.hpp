#pragma once
// All meshlings on the map, in spawn order. Spawning draws each one's small
// lateral offset and hatch delay from the world's Rng, so crowds spread along
// the walkways instead of overlapping. step() moves every meshling one tick,
// reports the drawn ones' exits and deaths to the EffectSink and drops the
// ones that are gone.
// Owned by the World; the renderer reads all().
#include <cstdint>
#include <memory>
#include <vector>

#include "common/rng.hpp"
#include "world/model/effect_sink.hpp"
#include "world/model/meshling.hpp"

namespace meshlings::world {

class Crowd {
public:
    static constexpr std::size_t kMaxMeshlings = 100'000;  // past this, requests are counted but not drawn
    static constexpr float kMaxOffsetTiles = 0.3F;         // lateral spread either way
    static constexpr std::int32_t kMaxStartDelayTicks = 12;

    // Adds a meshling for `probe`; false (nothing added) when the crowd is full. `stands`: the requests it is
    // drawn for (Meshling::stands; 0 walks undrawn and emits no effect).
    bool spawn(const ProbeResult& probe, std::shared_ptr<const MeshlingRoute> route, common::Rng& rng, int stands = 1);

    // Moves everyone one tick. The world's map is used to place effects.
    void step(EffectSink& effects, const BookinfoMap& map);

    const std::vector<Meshling>& all() const { return m_meshlings; }
    std::size_t size() const { return m_meshlings.size(); }
    std::uint64_t spawned() const { return m_nextId - 1; }
    std::uint64_t exited() const { return m_exited; }
    std::uint64_t died() const { return m_died; }

private:
    std::vector<Meshling> m_meshlings;
    std::uint64_t m_nextId = 1;
    std::uint64_t m_exited = 0;
    std::uint64_t m_died = 0;
};

}  // namespace meshlings::world
