#pragma once
// The level's own events told as they happen: each scripted change (the
// cluster's behaviour knobs a level turns, e.g. reviews-v3's error rate) and
// each step of its chaos plan gets a short line when its second comes
// ("reviews-v3 starts failing (80 %)", "chaos: deletes a pod of
// details-v1"), which the World emits as an Event message: the screen shows
// it as a callout banner and in the log. Owned by the World; reads its Level.
#include <cstddef>
#include <string>
#include <vector>

#include "world/level/level.hpp"

namespace meshlings::world {

class LevelAnnouncer {
public:
    explicit LevelAnnouncer(const Level& level) : m_level(level) {}

    // The lines of the scripted changes and chaos steps whose time has come (level time, seconds), each once.
    std::vector<std::string> due(double levelSeconds);

    static std::string describe(const WorkloadSetup& change);
    static std::string describe(const ChaosAction& action);

private:
    const Level& m_level;  // the World's
    std::size_t m_nextScripted = 0;
    std::size_t m_nextChaos = 0;
};

}  // namespace meshlings::world
