#pragma once
// The campaign's levels in order (their `campaign-order`, 1 first, as in
// levels/README.md), read once from a LevelCatalog, and what comes after a
// level: the result screen's "Next level" and the level select list.
// Levels outside the campaign (free play, drills) are not in it.
#include <optional>
#include <string>
#include <vector>

#include "app/level_catalog.hpp"
#include "world/level/level.hpp"

namespace meshlings::app {

class Campaign {
public:
    explicit Campaign(const LevelCatalog& catalog);

    const std::vector<world::Level>& levels() const { return m_levels; }
    // The campaign level after `id`; nullopt after the last one or for a level outside the campaign.
    std::optional<world::Level> after(const std::string& id) const;

private:
    std::vector<world::Level> m_levels;
};

}  // namespace meshlings::app
