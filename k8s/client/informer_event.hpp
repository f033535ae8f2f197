#pragma once
// What an informer tells the game: an object Added, Updated or Deleted (each
// change once, in order, relists included), and how the informer itself is
// doing (Synced after the first list, Relisted, Disconnected with the step
// and the error, Reconnected). The objects are immutable snapshots shared
// with the informer's cache; whoever holds an event may keep them.
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::k8s {

using ObjectPtr = std::shared_ptr<const nlohmann::json>;

enum class InformerEventKind { Added, Updated, Deleted, Synced, Relisted, Disconnected, Reconnected };

inline const char* kindName(InformerEventKind kind) {
    switch (kind) {
        case InformerEventKind::Added:
            return "Added";
        case InformerEventKind::Updated:
            return "Updated";
        case InformerEventKind::Deleted:
            return "Deleted";
        case InformerEventKind::Synced:
            return "Synced";
        case InformerEventKind::Relisted:
            return "Relisted";
        case InformerEventKind::Disconnected:
            return "Disconnected";
        case InformerEventKind::Reconnected:
            return "Reconnected";
    }
    return "?";
}

struct InformerEvent {
    InformerEventKind kind = InformerEventKind::Added;
    // Added, Updated: the new state. Deleted: the last state (the DELETED
    // event's, or for a relist the cached one). Null for the other kinds.
    ObjectPtr object;
    // Updated: the state before. Deleted: the state the cache held. Else null.
    ObjectPtr previous;
    // Deleted found by a relist: the object went during a gap, `object` is the last state seen.
    bool finalStateUnknown = false;
    std::string key;                       // "namespace/name" ("name" when cluster-scoped); empty for the other kinds
    std::string resourceVersion;           // the object's; Synced and Relisted: the list's
    std::string message;                   // Disconnected: "<step>: <error>"; else a short note or empty
    std::chrono::milliseconds retryIn{0};  // Disconnected: the wait before the next attempt

    bool isObjectEvent() const {
        return kind == InformerEventKind::Added || kind == InformerEventKind::Updated ||
               kind == InformerEventKind::Deleted;
    }
};

}  // namespace meshlings::k8s
