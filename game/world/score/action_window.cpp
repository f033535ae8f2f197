#include "world/score/action_window.hpp"

#include <algorithm>
#include <utility>

namespace meshlings::world {

std::string_view windowEndName(WindowEnd end) {
    switch (end) {
        case WindowEnd::Open:
            return "open";
        case WindowEnd::Length:
            return "full length";
        case WindowEnd::NextAction:
            return "next action";
        case WindowEnd::SessionEnd:
            return "session end";
    }
    return "?";
}

ActionWindow::ActionWindow(Disruption action, Tick opened, std::int64_t lengthTicks, std::set<std::string> readyPods)
    : m_action(std::move(action)), m_opened(opened), m_closes(opened + lengthTicks), m_readyPods(std::move(readyPods)) {
    m_readyPods.insert(m_action.pod);
}

void ActionWindow::observeProbe(Tick at, bool good) {
    if (m_ended || at < m_opened) return;
    if (at < m_closes) {
        ++m_total;
        if (good) ++m_good;
    }
    if (good && !m_recovered && (!needsReplacement() || m_replacementReady)) m_recovered = at;
}

void ActionWindow::observePod(Tick at, const PodObservation& pod) {
    if (m_ended || !needsReplacement() || m_replacementReady || at < m_opened) return;
    if (pod.deployment != m_action.target || pod.state != PodState::Ready) return;
    if (m_readyPods.contains(pod.name)) return;
    m_replacementReady = at;
}

void ActionWindow::cutAt(Tick at) {
    if (m_ended || at >= m_closes) return;
    m_closes = std::max(at, m_opened);
    m_endReason = WindowEnd::NextAction;
}

void ActionWindow::finish(Tick at) {
    if (m_ended) return;
    m_ended = true;
    if (at < m_closes) {
        m_closes = std::max(at, m_opened);
        m_endReason = WindowEnd::SessionEnd;
    } else if (m_endReason == WindowEnd::Open) {
        m_endReason = WindowEnd::Length;
    }
}

WindowEnd ActionWindow::end(Tick now) const {
    if (m_endReason != WindowEnd::Open) return m_endReason;
    return now >= m_closes ? WindowEnd::Length : WindowEnd::Open;
}

std::optional<double> ActionWindow::availability() const {
    if (m_total == 0) return std::nullopt;
    return static_cast<double>(m_good) / static_cast<double>(m_total);
}

std::optional<std::int64_t> ActionWindow::recoveryTicks() const {
    if (!m_recovered) return std::nullopt;
    return *m_recovered - m_opened;
}

}  // namespace meshlings::world
