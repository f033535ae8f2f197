#include "simcluster/server/fault_injector.hpp"

namespace meshlings::sim {

void FaultInjector::add(FaultRule rule) {
    std::lock_guard lock(m_mutex);
    m_rules.push_back(std::move(rule));
}

void FaultInjector::add(const std::vector<FaultRule>& rules) {
    std::lock_guard lock(m_mutex);
    m_rules.insert(m_rules.end(), rules.begin(), rules.end());
}

void FaultInjector::clear() {
    std::lock_guard lock(m_mutex);
    m_rules.clear();
}

std::vector<FaultRule> FaultInjector::rules() const {
    std::lock_guard lock(m_mutex);
    return m_rules;
}

std::optional<FaultRule> FaultInjector::take(const std::string& method, const std::string& path, bool watch) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        if (!it->matches(method, path, watch)) continue;
        FaultRule applied = *it;
        if (it->times > 0 && --it->times == 0) m_rules.erase(it);
        return applied;
    }
    return std::nullopt;
}

}  // namespace meshlings::sim
