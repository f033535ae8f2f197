#include "simcluster/http/delayed_answers.hpp"

#include <algorithm>

#include "simcluster/http/connection.hpp"

namespace meshlings::sim::http {

void DelayedAnswers::add(Clock::time_point due, Answer answer) {
    std::lock_guard lock(m_mutex);
    m_answers.emplace(due, std::move(answer));
}

std::vector<DelayedAnswers::Answer> DelayedAnswers::takeDue(Clock::time_point now) {
    std::vector<Answer> due;
    std::lock_guard lock(m_mutex);
    const auto end = m_answers.upper_bound(now);
    for (auto it = m_answers.begin(); it != end; ++it) due.push_back(std::move(it->second));
    m_answers.erase(m_answers.begin(), end);
    return due;
}

int DelayedAnswers::waitMs(Clock::time_point now, int longestMs) const {
    std::lock_guard lock(m_mutex);
    if (m_answers.empty()) return longestMs;
    const auto until = m_answers.begin()->first - now;
    // Rounded up: epoll_wait counts whole milliseconds, and waking early only loops once more.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(until).count();
    return static_cast<int>(std::clamp<std::int64_t>(ms, 0, longestMs));
}

void DelayedAnswers::clear() {
    std::lock_guard lock(m_mutex);
    m_answers.clear();
}

}  // namespace meshlings::sim::http
