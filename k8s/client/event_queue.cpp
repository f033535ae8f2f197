#include "client/event_queue.hpp"

namespace meshlings::k8s {

void EventQueue::push(InformerEvent event) {
    {
        std::lock_guard lock(m_mutex);
        m_events.push_back(std::move(event));
        ++m_pushed;
    }
    m_ready.notify_all();
}

void EventQueue::push(std::vector<InformerEvent> events) {
    if (events.empty()) return;
    {
        std::lock_guard lock(m_mutex);
        for (auto& event : events) m_events.push_back(std::move(event));
        m_pushed += events.size();
    }
    m_ready.notify_all();
}

std::vector<InformerEvent> EventQueue::drain() {
    std::lock_guard lock(m_mutex);
    std::vector<InformerEvent> out(std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events.clear();
    return out;
}

std::vector<InformerEvent> EventQueue::waitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_ready.wait_for(lock, timeout, [this] { return !m_events.empty(); });
    std::vector<InformerEvent> out(std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events.clear();
    return out;
}

std::size_t EventQueue::size() const {
    std::lock_guard lock(m_mutex);
    return m_events.size();
}

std::size_t EventQueue::pushed() const {
    std::lock_guard lock(m_mutex);
    return m_pushed;
}

}  // namespace meshlings::k8s
