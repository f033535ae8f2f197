#pragma once
// The built-in cluster's etcd: every object as immutable JSON, one global
// resourceVersion counter, a history of changes for watches bounded in count,
// in bytes and in age (older versions answer 410 Expired), and synchronous
// listeners for the controllers. An object is at most etcd's 1.5 MiB (its
// default --max-request-bytes); a bigger one is refused with 413, as
// kube-apiserver maps etcd's "request is too large".
// Not thread-safe on its own: the Cluster's lock guards it.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "simcluster/watch_channel.hpp"

namespace meshlings::sim {

class ObjectStore {
public:
    using Json = nlohmann::json;
    using Listener = std::function<void(const StoreEvent&)>;
    using UidSource = std::function<std::string()>;
    using Clock = std::function<std::int64_t()>;  // model time in ms; empty: no age bound on the history

    explicit ObjectStore(UidSource uids, std::size_t historyLimit = 10000, Clock clock = {});

    ObjectPtr get(const ResourceType& type, const std::string& ns, const std::string& name) const;
    std::vector<ObjectPtr> list(const ResourceType& type, const std::string& ns) const;
    std::size_t count(const ResourceType& type) const;

    // Sets kind, apiVersion, uid, resourceVersion, creationTimestamp, generation.
    ObjectPtr create(const ResourceType& type, Json object, std::int64_t nowUnixMillis);
    // Replaces an existing object. A metadata.resourceVersion in `object` is a
    // precondition (409 Conflict when stale). Bumps generation on spec changes.
    ObjectPtr update(const ResourceType& type, Json object);
    // Removes the object; watchers get DELETED with its last state.
    ObjectPtr remove(const ResourceType& type, const std::string& ns, const std::string& name);

    std::uint64_t resourceVersion() const { return m_resourceVersion; }
    std::uint64_t compactedVersion() const { return m_compactedVersion; }  // older versions are 410 Expired
    std::size_t historyBytes() const { return m_historyBytes; }

    static constexpr std::size_t kMaxObjectBytes = 1536 * 1024;
    static constexpr std::size_t kHistoryBytes = 32U << 20U;  // then the oldest changes go, whatever their count
    // Changes older than this go too: kube-apiserver compacts etcd every 5 minutes (its
    // --etcd-compaction-interval, default 5m), after which a watch from an older version is 410 Gone.
    static constexpr std::int64_t kHistoryAgeMillis = 5 * 60 * 1000;

    // A watch from `fromVersion` (nullopt or 0: synthetic ADDED of all current
    // matches first). Throws ApiError 410 when the version is no longer kept.
    std::shared_ptr<WatchChannel> watch(WatchFilter filter, std::optional<std::uint64_t> fromVersion);

    void addListener(Listener listener) { m_listeners.push_back(std::move(listener)); }

    // Ends every open watch at once (the thread serving it stops waiting for events) and every later one
    // after what it has queued: the server is shutting down.
    void closeWatches();

private:
    using Key = std::pair<std::string, std::string>;  // namespace, name
    void publish(EventType eventType, const ResourceType& type, ObjectPtr object, std::size_t bytes);
    static std::size_t storedSize(const Json& object);  // throws the 413 past kMaxObjectBytes
    // Checks the shape every reader relies on (throws ApiError) and fills in empty spec/status.
    static void normalize(const ResourceType& type, Json& object);

    UidSource m_uids;
    std::size_t m_historyLimit;
    Clock m_clock;
    std::uint64_t m_resourceVersion = 1;
    std::uint64_t m_compactedVersion = 1;  // history holds every change after this
    std::map<const ResourceType*, std::map<Key, ObjectPtr>> m_objects;
    std::deque<std::pair<StoreEvent, std::int64_t>> m_history;  // each change with its model time
    std::size_t m_historyBytes = 0;
    std::vector<std::weak_ptr<WatchChannel>> m_watchers;
    bool m_watchesClosed = false;
    std::vector<Listener> m_listeners;
};

}  // namespace meshlings::sim
