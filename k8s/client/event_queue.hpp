#pragma once
// The hand-over between an informer thread and the game: the informer
// pushes, the game drains everything queued at a tick boundary and never
// blocks; tests may wait for the next events. Unbounded (the game drains
// every tick). Thread-safe; owned by the informer, drained by its reader.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include "client/informer_event.hpp"

namespace meshlings::k8s {

class EventQueue {
public:
    void push(InformerEvent event);
    void push(std::vector<InformerEvent> events);  // all at once, in order

    // Everything queued, oldest first; empty when nothing is. Never blocks.
    std::vector<InformerEvent> drain();
    // Waits until something is queued or `timeout` passes, then drains.
    std::vector<InformerEvent> waitFor(std::chrono::milliseconds timeout);

    std::size_t size() const;
    std::size_t pushed() const;  // events pushed since construction

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<InformerEvent> m_events;
    std::size_t m_pushed = 0;
};

}  // namespace meshlings::k8s
