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
    m_requests.push_back(method + " " + path.substr(0, path.find('?')));
    if (m_requests.size() > kKeptRequests) m_requests.pop_front();
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        if (!it->matches(method, path, watch)) continue;
        FaultRule applied = *it;
        if (it->times > 0 && --it->times == 0) m_rules.erase(it);
        if (applied.dropAnswer) applied.truncatedBody = true;
        return applied;
    }
    return std::nullopt;
}

std::vector<std::string> FaultInjector::requests() const {
    std::lock_guard lock(m_mutex);
    return {m_requests.begin(), m_requests.end()};
}

std::size_t FaultInjector::count(const std::string& method, const std::string& pathPart) const {
    std::lock_guard lock(m_mutex);
    std::size_t n = 0;
    for (const auto& request : m_requests) {
        if (request.rfind(method + " ", 0) == 0 && request.find(pathPart, method.size() + 1) != std::string::npos) ++n;
    }
    return n;
}

}  // namespace meshlings::sim
