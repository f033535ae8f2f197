#include "simcluster/watch_channel.hpp"

#include <algorithm>

namespace meshlings::sim {

const char* eventTypeName(EventType type) {
    switch (type) {
        case EventType::Added:
            return "ADDED";
        case EventType::Modified:
            return "MODIFIED";
        case EventType::Deleted:
            return "DELETED";
    }
    return "ERROR";
}

bool WatchFilter::matches(const StoreEvent& event) const {
    if (event.resource != resource) return false;
    const auto& meta = (*event.object)["metadata"];
    if (!ns.empty() && meta.value("namespace", "") != ns) return false;
    return labels.matches(*event.object) && fields.matches(*event.object);
}

void WatchChannel::offer(const StoreEvent& event) {
    const bool wanted = m_filter.matches(event);
    {
        std::lock_guard lock(m_mutex);
        if (m_closed) return;
        m_progress = std::max(m_progress, event.resourceVersion);
        if (!wanted) return;
        if (m_queue.size() >= kMaxQueued || m_queuedBytes + event.bytes > kMaxQueuedBytes) {
            m_closed = true;
            m_queue.clear();
            m_queuedBytes = 0;
            m_queuedBytes = 0;
        } else {
            m_queue.push_back(event);
            m_queuedBytes += event.bytes;
        }
    }
    m_ready.notify_one();
}

void WatchChannel::close() {
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_ready.notify_all();
}

std::vector<StoreEvent> WatchChannel::take(std::chrono::milliseconds wait) {
    std::unique_lock lock(m_mutex);
    m_ready.wait_for(lock, wait, [&] { return m_closed || !m_queue.empty(); });
    std::vector<StoreEvent> events(m_queue.begin(), m_queue.end());
    m_queue.clear();
    return events;
}

bool WatchChannel::closed() const {
    std::lock_guard lock(m_mutex);
    return m_closed;
}

std::uint64_t WatchChannel::progress() const {
    std::lock_guard lock(m_mutex);
    return m_progress;
}

}  // namespace meshlings::sim
