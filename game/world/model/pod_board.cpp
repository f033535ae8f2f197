#include "world/model/pod_board.hpp"

#include <algorithm>

namespace meshlings::world {

PodBoard::PodBoard(const BookinfoMap& map) : m_map(map) {}

// The lowest free slot, in O(log n): the lowest freed one, else the next never taken.
int PodBoard::takeSlot(MapNode node) {
    Slots& slots = m_slots[node];
    if (slots.freed.empty()) return slots.next++;
    const int slot = *slots.freed.begin();
    slots.freed.erase(slots.freed.begin());
    return slot;
}

void PodBoard::freeSlot(MapNode node, int slot) {
    Slots& slots = m_slots[node];
    if (slot == slots.next - 1) {
        --slots.next;
        while (slots.next > 0 && slots.freed.erase(slots.next - 1) == 1) --slots.next;
    } else {
        slots.freed.insert(slot);
    }
}

void PodBoard::upsert(const PodObservation& observation, Tick now, EffectSink& effects) {
    auto it = m_pods.find(observation.name);
    if (it == m_pods.end()) {
        Pod pod;
        pod.observed = observation;
        pod.node = BookinfoMap::nodeForPod(observation.app, observation.version);
        if (pod.node) {
            pod.slot = takeSlot(*pod.node);
            pod.at = m_map.podSlot(*pod.node, pod.slot);
        }
        pod.firstSeen = now;
        pod.stateSince = now;
        m_pods.emplace(observation.name, std::move(pod));
        return;
    }
    Pod& pod = it->second;
    const PodState before = pod.observed.state;
    const bool wasGone = pod.gone;
    pod.observed = observation;
    pod.gone = false;
    if (wasGone) m_gone.erase(observation.name);
    if (before == observation.state && !wasGone) return;
    pod.stateSince = now;
    if (observation.state == PodState::Terminating && pod.node) {
        effects.emit(PodShake{observation.name, *pod.node});
    }
    if (observation.state == PodState::Ready && before != PodState::Ready) {
        effects.emit(RecoverySparkle{observation.name, pod.at});
    }
}

void PodBoard::markGone(const std::string& name, Tick now) {
    Pod* pod = find(name);
    if (pod == nullptr || pod->gone) return;
    pod->gone = true;
    m_gone.insert(name);
    pod->stateSince = now;
    pod->requestInFlight.reset();
    if (m_selected == name) m_selected.clear();
}

void PodBoard::step(Tick now) {
    for (auto name = m_gone.begin(); name != m_gone.end();) {
        const auto it = m_pods.find(*name);
        if (it != m_pods.end() && now - it->second.stateSince < kGoneTicks) {
            ++name;
            continue;
        }
        if (it != m_pods.end()) {
            if (it->second.node) freeSlot(*it->second.node, it->second.slot);
            m_pods.erase(it);
        }
        name = m_gone.erase(name);
    }
}

const Pod* PodBoard::podAt(Vec2 at) const {
    for (const auto& [name, pod] : m_pods) {
        if (!pod.node || pod.gone) continue;
        const bool inX = at.x >= pod.at.x - 0.5F && at.x < pod.at.x + 0.5F;
        const bool inY = at.y >= pod.at.y - kSpriteHeightTiles && at.y <= pod.at.y;
        if (inX && inY) return &pod;
    }
    return nullptr;
}

const Pod* PodBoard::find(const std::string& name) const {
    const auto it = m_pods.find(name);
    return it == m_pods.end() ? nullptr : &it->second;
}

Pod* PodBoard::find(const std::string& name) {
    const auto it = m_pods.find(name);
    return it == m_pods.end() ? nullptr : &it->second;
}

std::vector<const Pod*> PodBoard::inMapOrder() const {
    std::vector<const Pod*> pods;
    for (const auto& [name, pod] : m_pods) {
        if (pod.node && !pod.gone) pods.push_back(&pod);
    }
    std::sort(pods.begin(), pods.end(), [](const Pod* a, const Pod* b) {
        if (*a->node != *b->node) return *a->node < *b->node;
        return a->slot < b->slot;
    });
    return pods;
}

int PodBoard::downCount() const {
    return static_cast<int>(std::count_if(m_pods.begin(), m_pods.end(), [](const auto& entry) {
        return !entry.second.gone && isDown(entry.second.observed.state);
    }));
}

int PodBoard::recoveringCount() const {
    return static_cast<int>(std::count_if(m_pods.begin(), m_pods.end(), [](const auto& entry) {
        return !entry.second.gone && isRecovering(entry.second.observed.state);
    }));
}

int PodBoard::readyCount(const std::string& deployment) const {
    return static_cast<int>(std::count_if(m_pods.begin(), m_pods.end(), [&](const auto& entry) {
        const Pod& pod = entry.second;
        return !pod.gone && pod.observed.deployment == deployment && pod.observed.state == PodState::Ready;
    }));
}

void PodBoard::select(const std::string& name) {
    const Pod* pod = find(name);
    m_selected = (pod != nullptr && pod->node && !pod->gone) ? name : std::string{};
}

void PodBoard::cycle(int direction) {
    const std::vector<const Pod*> pods = inMapOrder();
    if (pods.empty()) {
        m_selected.clear();
        return;
    }
    const auto count = static_cast<int>(pods.size());
    int index = -1;
    for (int i = 0; i < count; ++i) {
        if (pods[static_cast<std::size_t>(i)]->observed.name == m_selected) index = i;
    }
    if (index < 0) {
        index = direction >= 0 ? 0 : count - 1;
    } else {
        index = ((index + (direction >= 0 ? 1 : -1)) % count + count) % count;
    }
    m_selected = pods[static_cast<std::size_t>(index)]->observed.name;
}

}  // namespace meshlings::world
