#include "app/campaign.hpp"

#include <algorithm>

namespace meshlings::app {

Campaign::Campaign(const LevelCatalog& catalog) {
    for (const std::string& id : catalog.ids()) {
        try {
            if (auto level = catalog.byId(id); level && level->campaignOrder > 0) m_levels.push_back(*level);
        } catch (const std::exception&) {
            // A bad file is not offered; `meshlings play --level ID` names its problem.
        }
    }
    std::stable_sort(m_levels.begin(), m_levels.end(),
                     [](const world::Level& a, const world::Level& b) { return a.campaignOrder < b.campaignOrder; });
}

std::optional<world::Level> Campaign::after(const std::string& id) const {
    const auto at = std::find_if(m_levels.begin(), m_levels.end(), [&id](const world::Level& l) { return l.id == id; });
    if (at == m_levels.end() || std::next(at) == m_levels.end()) return std::nullopt;
    return *std::next(at);
}

}  // namespace meshlings::app
