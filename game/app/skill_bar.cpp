#include "app/skill_bar.hpp"

#include <algorithm>

namespace meshlings::app {
namespace {

// One step of a value, kept in lo..hi.
void stepValue(int& value, int direction, int step, int lo, int hi) {
    value = std::clamp(value + direction * step, lo, hi);
}

std::optional<int> countOf(Skill skill, const world::BudgetLeft& left) {
    switch (skill) {
        case Skill::Scale:
            return left.scales;
        case Skill::Shift:
            return left.shifts;
        case Skill::Retry:
            return left.retries;
        case Skill::Timeout:
            return left.timeouts;
        case Skill::CircuitBreaker:
            return left.breakers;
        case Skill::Eject:
            return left.ejects;
        case Skill::DeletePod:
            return left.deletes;
    }
    return std::nullopt;
}

}  // namespace

std::string_view SkillBar::label(Skill skill) {
    switch (skill) {
        case Skill::Scale:
            return "Scale";
        case Skill::Shift:
            return "Shift";
        case Skill::Retry:
            return "Retry";
        case Skill::Timeout:
            return "Timeout";
        case Skill::CircuitBreaker:
            return "Breaker";
        case Skill::Eject:
            return "Eject";
        case Skill::DeletePod:
            return "Delete";
    }
    return "?";
}

std::vector<SkillSlot> SkillBar::slots(const world::BudgetLeft& left) {
    std::vector<SkillSlot> out;
    for (const Skill skill : kOrder) out.push_back(SkillSlot{skill, label(skill), countOf(skill, left)});
    return out;
}

bool SkillBar::select(std::size_t place) {
    if (place >= kOrder.size()) return false;
    m_selected = kOrder[place];
    return true;
}

bool SkillBar::hasDialog(Skill skill) {
    return skill == Skill::Retry || skill == Skill::Timeout || skill == Skill::CircuitBreaker || skill == Skill::Eject;
}

std::vector<SkillValue> SkillBar::values() const {
    if (!m_selected) return {};
    switch (*m_selected) {
        case Skill::Retry:
            return {{"attempts", m_retry.attempts, ""}, {"per try", m_retry.perTryTimeoutMs, "ms"}};
        case Skill::Timeout:
            return {{"timeout", m_timeout.timeoutMs, "ms"}};
        case Skill::CircuitBreaker:
            return {{"connections", m_breaker.maxConnections, ""}, {"pending", m_breaker.maxPendingRequests, ""}};
        case Skill::Eject:
            return {{"after 5xx", m_eject.consecutiveErrors, ""}, {"for", m_eject.ejectionSeconds, "s"}};
        default:
            return {};
    }
}

void SkillBar::adjust(std::size_t index, int direction) {
    if (!m_selected) return;
    switch (*m_selected) {
        case Skill::Retry:
            if (index == 0) stepValue(m_retry.attempts, direction, 1, 1, world::RetrySettings::kMaxAttempts);
            if (index == 1) stepValue(m_retry.perTryTimeoutMs, direction, 250, 0, 10'000);
            break;
        case Skill::Timeout:
            if (index == 0) stepValue(m_timeout.timeoutMs, direction, 250, 250, 30'000);
            break;
        case Skill::CircuitBreaker:
            if (index == 0) stepValue(m_breaker.maxConnections, direction, 1, 1, 1000);
            if (index == 1) stepValue(m_breaker.maxPendingRequests, direction, 1, 1, 1000);
            break;
        case Skill::Eject:
            if (index == 0) stepValue(m_eject.consecutiveErrors, direction, 1, 1, 100);
            if (index == 1) stepValue(m_eject.ejectionSeconds, direction, 5, 5, 600);
            break;
        default:
            break;
    }
}

std::optional<world::Command> SkillBar::command() const {
    if (!m_selected) return std::nullopt;
    switch (*m_selected) {
        case Skill::Retry:
            return world::RequestRetry{"", m_retry};
        case Skill::Timeout:
            return world::RequestTimeout{"", m_timeout};
        case Skill::CircuitBreaker:
            return world::RequestCircuitBreaker{"", m_breaker};
        case Skill::Eject:
            return world::RequestEject{"", m_eject};
        default:
            return std::nullopt;
    }
}

}  // namespace meshlings::app
