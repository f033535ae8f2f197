#pragma once
// What the informer tests share: options with a quick backoff, a log that
// keeps every event drained from an informer's queue and waits (bounded)
// for a condition on them, and the check that an informer's cache holds
// exactly what a fresh LIST returns (same names, same resourceVersions).
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "client/core_calls.hpp"
#include "client/informer.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s::testing {

inline InformerOptions quickPodOptions(const std::string& nameSpace = "default") {
    InformerOptions options;
    options.resource = kPods;
    options.nameSpace = nameSpace;
    options.backoff.initial = std::chrono::milliseconds(20);
    options.backoff.cap = std::chrono::milliseconds(200);
    options.backoff.jitter = 0.0;
    return options;
}

class EventLog {
public:
    using Condition = std::function<bool(const std::vector<InformerEvent>&)>;

    explicit EventLog(EventQueue& queue) : m_queue(queue) {}

    // Drains the queue until `done` holds for all events so far, or `timeout` passes.
    bool waitUntil(const Condition& done, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (done(m_events)) return true;
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left <= std::chrono::milliseconds(0)) return false;
            for (auto& event : m_queue.waitFor(std::min(left, std::chrono::milliseconds(50))))
                m_events.push_back(std::move(event));
        }
    }
    bool waitFor(InformerEventKind kind, std::size_t count = 1,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        return waitUntil([&](const auto&) { return this->count(kind) >= count; }, timeout);
    }

    // Takes in whatever is queued now, without waiting.
    void collect() {
        for (auto& event : m_queue.drain()) m_events.push_back(std::move(event));
    }

    const std::vector<InformerEvent>& all() const { return m_events; }
    std::size_t count(InformerEventKind kind) const {
        std::size_t n = 0;
        for (const auto& event : m_events) n += event.kind == kind ? 1 : 0;
        return n;
    }
    std::vector<InformerEvent> ofKind(InformerEventKind kind) const {
        std::vector<InformerEvent> out;
        for (const auto& event : m_events) {
            if (event.kind == kind) out.push_back(event);
        }
        return out;
    }
    // The object events for `key`, in order.
    std::vector<InformerEvent> forKey(const std::string& key) const {
        std::vector<InformerEvent> out;
        for (const auto& event : m_events) {
            if (event.key == key) out.push_back(event);
        }
        return out;
    }

private:
    EventQueue& m_queue;
    std::vector<InformerEvent> m_events;
};

// "namespace/name" -> resourceVersion of a list's items.
inline std::map<std::string, std::string> versionsOf(const Json& list) {
    std::map<std::string, std::string> out;
    for (const auto& item : json_access::array(list, "items"))
        out[InformerCache::keyOf(item)] = InformerCache::resourceVersionOf(item);
    return out;
}

inline std::map<std::string, std::string> versionsOf(const InformerCache& cache) {
    std::map<std::string, std::string> out;
    for (const auto& object : cache.snapshot())
        out[InformerCache::keyOf(*object)] = InformerCache::resourceVersionOf(*object);
    return out;
}

// Polls a LIST of `listPath` until `done` holds for it, or `timeout` passes.
inline bool listSatisfies(KubeClient& client, const std::string& listPath, const std::function<bool(const Json&)>& done,
                          std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
        if (done(client.list(listPath))) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

// Polls until the cache equals a fresh list of `listPath` and `settled`
// holds for that list (all pods up, say), or `timeout` passes.
inline bool convergesWith(const InformerCache& cache, KubeClient& client, const std::string& listPath,
                          const std::function<bool(const Json&)>& settled, std::chrono::milliseconds timeout) {
    return listSatisfies(
        client, listPath, [&](const Json& list) { return settled(list) && versionsOf(cache) == versionsOf(list); },
        timeout);
}

// Six Bookinfo pods, none terminating, all Running with every container ready.
inline bool bookinfoSettled(const Json& list) {
    namespace ja = json_access;
    const Json& items = ja::array(list, "items");
    if (items.size() != 6) return false;
    for (const auto& pod : items) {
        if (ja::field(ja::object(pod, "metadata"), "deletionTimestamp").is_string()) return false;
        const Json& status = ja::object(pod, "status");
        if (ja::text(status, "phase") != "Running") return false;
        for (const auto& container : ja::array(status, "containerStatuses")) {
            if (!ja::flag(container, "ready")) return false;
        }
    }
    return true;
}

// Each event as one line: "Added default/a@3", "Synced", "... (final state unknown)".
inline std::vector<std::string> describe(const std::vector<InformerEvent>& events) {
    std::vector<std::string> out;
    for (const auto& event : events) {
        std::string line = kindName(event.kind);
        if (event.isObjectEvent()) line += " " + event.key + "@" + event.resourceVersion;
        if (event.finalStateUnknown) line += " (final state unknown)";
        out.push_back(line);
    }
    return out;
}

}  // namespace meshlings::k8s::testing
