#pragma once
// The objects an informer has seen, keyed by "namespace/name" ("name" for
// cluster-scoped ones), for the game to read at any time: a snapshot of all,
// or one by name. The informer's thread is the only writer: it applies watch
// events and replaces the whole content after a list, and each write returns
// the events that say what changed, so the cache and the event queue never
// disagree. Thread-safe; owned by the informer; objects are shared, immutable.
#include <atomic>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "client/informer_event.hpp"
#include "client/watch_decoder.hpp"

namespace meshlings::k8s {

class InformerCache {
public:
    // Readers (any thread).
    std::vector<ObjectPtr> snapshot() const;                                     // in key order
    ObjectPtr get(const std::string& nameSpace, const std::string& name) const;  // null when absent
    ObjectPtr get(const std::string& key) const;
    std::vector<std::string> keys() const;
    std::size_t size() const;
    bool synced() const { return m_synced.load(); }

    // Writers (the informer's thread).
    // Applies an ADDED, MODIFIED or DELETED event; returns the event to hand
    // on, or none when nothing changed (same resourceVersion, or a delete of
    // an object not held). The object must have a metadata.name.
    std::optional<InformerEvent> apply(WatchEventType type, const nlohmann::json& object);
    // Replaces everything with a list's items and returns the difference:
    // Deleted (last known state) for what is gone, Added for what is new,
    // Updated for a changed resourceVersion, Deleted then Added when the
    // name now holds another object (another uid). Throws DecodeError, and
    // changes nothing, when an item is not an object with a metadata.name.
    std::vector<InformerEvent> replace(const nlohmann::json& items);
    void markSynced() { m_synced = true; }

    // "namespace/name", "name", or "" when the object has no name.
    static std::string keyOf(const nlohmann::json& object);
    static std::string resourceVersionOf(const nlohmann::json& object);

private:
    static InformerEvent objectEvent(InformerEventKind kind, const std::string& key, ObjectPtr object,
                                     ObjectPtr previous);

    mutable std::mutex m_mutex;
    std::map<std::string, ObjectPtr> m_objects;
    std::atomic<bool> m_synced{false};
};

}  // namespace meshlings::k8s
