#include "app/routing_rescue.hpp"

#include <algorithm>
#include <chrono>

namespace meshlings::app {

RoutingRescue::RoutingRescue(std::function<void()> quiesce, std::function<RescueAttempt()> attempt, double firstDelay,
                             double maxDelay)
    : m_quiesce(std::move(quiesce)),
      m_attempt(std::move(attempt)),
      m_firstDelay(firstDelay),
      m_maxDelay(maxDelay),
      m_thread([this](const std::stop_token& stop) { run(stop); }) {}

RoutingRescue::~RoutingRescue() {
    stop();
}

void RoutingRescue::stop() {
    m_thread.request_stop();
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

bool RoutingRescue::finished() const {
    const std::lock_guard lock(m_mutex);
    return m_finished;
}

int RoutingRescue::attempts() const {
    const std::lock_guard lock(m_mutex);
    return m_attempts;
}

std::string RoutingRescue::lastText() const {
    const std::lock_guard lock(m_mutex);
    return m_lastText;
}

void RoutingRescue::run(const std::stop_token& stop) {
    if (m_quiesce) m_quiesce();
    double delay = m_firstDelay;
    while (!stop.stop_requested()) {
        RescueAttempt result;
        try {
            result = m_attempt();
        } catch (const std::exception& e) {
            result = {false, e.what()};
        }
        std::unique_lock lock(m_mutex);
        ++m_attempts;
        m_lastText = result.text;
        if (result.finished) {
            m_finished = true;
            return;
        }
        const auto wait = std::chrono::duration<double>(delay);
        m_wake.wait_for(lock, stop, wait, [] { return false; });
        delay = std::min(delay * 2, m_maxDelay);
    }
}

}  // namespace meshlings::app
