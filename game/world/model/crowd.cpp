#include "world/model/crowd.hpp"

#include <algorithm>
#include <utility>

namespace meshlings::world {
namespace {

float offsetFrom(common::Rng& rng) {
    return static_cast<float>((rng.unit() * 2.0 - 1.0) * static_cast<double>(Crowd::kMaxOffsetTiles));
}

}  // namespace

bool Crowd::spawn(const ProbeResult& probe, std::shared_ptr<const MeshlingRoute> route, common::Rng& rng, int stands) {
    if (m_meshlings.size() >= kMaxMeshlings) return false;
    const Vec2 offset{offsetFrom(rng), offsetFrom(rng)};
    const auto delay = static_cast<std::int32_t>(rng.between(0, kMaxStartDelayTicks));
    m_meshlings.emplace_back(m_nextId++, probe, std::move(route), offset, delay).setStands(stands);
    return true;
}

void Crowd::step(EffectSink& effects, const BookinfoMap& map) {
    for (Meshling& m : m_meshlings) {
        switch (m.step()) {
            case Meshling::Event::None:
                break;
            case Meshling::Event::ReachedExit:
                ++m_exited;
                if (m.route().endNode() != MapNode::Exit || !m.drawn()) break;  // telemetry: at its edge's end
                effects.emit(
                    ExitReached{m.id(), map.platform(MapNode::Exit).anchor, m.outcome() != common::PageOutcome::Full});
                break;
            case Meshling::Event::Died:
                ++m_died;
                if (m.drawn())
                    effects.emit(MeshlingDied{m.id(), m.position(), m.route().endNode(), m.route().lastEdge()});
                break;
        }
    }
    std::erase_if(m_meshlings, [](const Meshling& m) { return m.state() == MeshlingState::Gone; });
}

}  // namespace meshlings::world
