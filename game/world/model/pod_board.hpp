#pragma once
// The pods the cluster has, as observed, standing on their services'
// platforms. Each new pod takes the lowest free slot of its platform and keeps
// it until it is gone, so sprites never jump. A deleted pod stays visible as
// "gone" for kGoneTicks, then frees its slot. Also holds the player's
// selection (by pod name) and its cycling order (map order, then slot).
// Owned by the World; read through World::pods().
#include <map>
#include <set>
#include <string>
#include <vector>

#include "world/model/bookinfo_map.hpp"
#include "world/model/effect_sink.hpp"
#include "world/model/pod.hpp"

namespace meshlings::world {

class PodBoard {
public:
    static constexpr std::int64_t kGoneTicks = 90;
    static constexpr float kSpriteHeightTiles = 1.25F;

    explicit PodBoard(const BookinfoMap& map);  // `map` must outlive the board

    // Applies an observation; emits a shake when a pod starts Terminating and a
    // sparkle when one becomes Ready after having been seen not Ready.
    void upsert(const PodObservation& observation, Tick now, EffectSink& effects);
    void markGone(const std::string& name, Tick now);
    // Removes pods gone for kGoneTicks.
    void step(Tick now);

    // The visible pod whose sprite covers `at` (tile units; a sprite is one tile
    // wide and kSpriteHeightTiles high above its feet): for mouse picking.
    const Pod* podAt(Vec2 at) const;
    const Pod* find(const std::string& name) const;
    Pod* find(const std::string& name);
    const std::map<std::string, Pod>& all() const { return m_pods; }
    // Visible pods (on the map, not gone) in map order then slot: the selection cycle.
    std::vector<const Pod*> inMapOrder() const;

    int downCount() const;        // Terminating or CrashLoopBackOff
    int recoveringCount() const;  // Pending, ContainerCreating, RunningNotReady
    int readyCount(const std::string& deployment) const;

    const std::string& selected() const { return m_selected; }
    void select(const std::string& name);  // unknown or empty: clear
    void cycle(int direction);

private:
    // A platform's slots: those below `next` are taken except the ones in `freed`.
    struct Slots {
        int next = 0;
        std::set<int> freed;
    };

    int takeSlot(MapNode node);
    void freeSlot(MapNode node, int slot);

    const BookinfoMap& m_map;
    std::map<std::string, Pod> m_pods;
    std::map<MapNode, Slots> m_slots;
    std::set<std::string> m_gone;  // the pods marked gone, so step() does not pass over every pod each tick
    std::string m_selected;
};

}  // namespace meshlings::world
