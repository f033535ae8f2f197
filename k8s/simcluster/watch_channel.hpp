#pragma once
// One open watch. The store pushes matching events into it while the cluster
// lock is held; the HTTP thread that serves the watch pops them without that
// lock. A consumer that falls too far behind is closed, as the real API server
// drops slow watchers, and its client watches again.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "simcluster/resource_type.hpp"
#include "simcluster/selector.hpp"

namespace meshlings::sim {

using ObjectPtr = std::shared_ptr<const nlohmann::json>;

enum class EventType { Added, Modified, Deleted };

const char* eventTypeName(EventType type);

struct StoreEvent {
    std::uint64_t resourceVersion = 0;
    EventType type = EventType::Added;
    const ResourceType* resource = nullptr;
    ObjectPtr object;
    std::size_t bytes = 0;  // the object's size as JSON
};

struct WatchFilter {
    const ResourceType* resource = nullptr;
    std::string ns;  // empty: all namespaces
    Selector labels;
    Selector fields;

    bool matches(const StoreEvent& event) const;
};

class WatchChannel {
public:
    // `startVersion`: the store's version when the watch opened (the first bookmark's floor).
    WatchChannel(WatchFilter filter, std::uint64_t startVersion)
        : m_filter(std::move(filter)), m_progress(startVersion) {}

    const WatchFilter& filter() const { return m_filter; }

    // Producer side (store). Events that do not match still advance progress.
    void offer(const StoreEvent& event);
    void close();

    // Consumer side. Waits up to `wait` for events; returns what is queued.
    std::vector<StoreEvent> take(std::chrono::milliseconds wait);
    bool closed() const;
    // The newest resourceVersion this watcher has been told about (for bookmarks).
    std::uint64_t progress() const;

private:
    // A watcher this far behind is ended (its client starts a new watch from
    // the version it saw), as kube-apiserver ends a watcher that cannot keep up.
    static constexpr std::size_t kMaxQueued = 20000;
    static constexpr std::size_t kMaxQueuedBytes = 16U << 20U;

    WatchFilter m_filter;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<StoreEvent> m_queue;
    std::size_t m_queuedBytes = 0;
    std::uint64_t m_progress = 0;
    bool m_closed = false;
};

}  // namespace meshlings::sim
