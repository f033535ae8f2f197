#include "simcluster/object_store.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "simcluster/api_error.hpp"
#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

ObjectStore::ObjectStore(UidSource uids, std::size_t historyLimit, Clock clock)
    : m_uids(std::move(uids)), m_historyLimit(historyLimit), m_clock(std::move(clock)) {}

ObjectPtr ObjectStore::get(const ResourceType& type, const std::string& ns, const std::string& name) const {
    const auto bucket = m_objects.find(&type);
    if (bucket == m_objects.end()) return nullptr;
    const auto it = bucket->second.find({type.namespaced ? ns : "", name});
    return it == bucket->second.end() ? nullptr : it->second;
}

std::vector<ObjectPtr> ObjectStore::list(const ResourceType& type, const std::string& ns) const {
    std::vector<ObjectPtr> out;
    const auto bucket = m_objects.find(&type);
    if (bucket == m_objects.end()) return out;
    if (ns.empty() || !type.namespaced) {
        for (const auto& [key, object] : bucket->second) out.push_back(object);
        return out;
    }
    for (auto it = bucket->second.lower_bound({ns, ""}); it != bucket->second.end() && it->first.first == ns; ++it) {
        out.push_back(it->second);
    }
    return out;
}

std::size_t ObjectStore::count(const ResourceType& type) const {
    const auto bucket = m_objects.find(&type);
    return bucket == m_objects.end() ? 0 : bucket->second.size();
}

void ObjectStore::normalize(const ResourceType& type, Json& object) {
    if (!object.is_object()) throw ApiError::badRequest("the object must be a JSON object");
    if (!object.contains("metadata")) object["metadata"] = Json::object();
    auto& meta = object["metadata"];
    if (!meta.is_object())
        throw ApiError::badRequest(type.kind + " in version \"" + type.versions.front() +
                                   "\" cannot be handled: metadata must be an object");
    for (const char* field : {"labels", "annotations", "ownerReferences"}) {
        if (meta.contains(field) && meta[field].is_null()) meta.erase(field);
    }
    if (meta.contains("ownerReferences")) {
        const auto& owners = meta["ownerReferences"];
        const bool ok = owners.is_array() && std::all_of(owners.begin(), owners.end(), [](const Json& ref) {
                            return ref.is_object() && ref.value("name", Json()).is_string() &&
                                   ref.value("uid", Json()).is_string() && ref.value("kind", Json()).is_string() &&
                                   ref.value("apiVersion", Json()).is_string();
                        });
        if (!ok)
            throw ApiError::invalid(
                type.kind + " \"" + meta.value("name", "") +
                "\" is invalid: metadata.ownerReferences: each needs apiVersion, kind, name and uid");
    }
    for (const char* field : {"labels", "annotations"}) {
        if (!meta.contains(field)) continue;
        const bool ok = meta[field].is_object() && std::all_of(meta[field].begin(), meta[field].end(),
                                                               [](const Json& v) { return v.is_string(); });
        if (!ok)
            throw ApiError::invalid(type.kind + " \"" + meta.value("name", "") + "\" is invalid: metadata." + field +
                                    ": must be a map of strings");
    }
    if (meta.contains("name") && !meta["name"].is_string())
        throw ApiError::invalid(type.kind + " is invalid: metadata.name: must be a string");
    // Every stored object of a kind with spec/status has both as objects, so readers need not check.
    static const std::set<std::string> kSpecless{"Endpoints", "Event", "ServiceAccount", "EndpointSlice",
                                                 "ConfigMap", "Role",  "RoleBinding"};
    const bool hasSpec = kSpecless.count(type.kind) == 0;
    const bool hasStatus = !type.subresources.empty();
    for (const auto& [field, wanted] : {std::pair{"spec", hasSpec}, std::pair{"status", hasStatus}}) {
        if (!wanted) continue;
        if (!object.contains(field) || object[field].is_null()) object[field] = Json::object();
        if (!object[field].is_object())
            throw ApiError::invalid(type.kind + " \"" + meta.value("name", "") + "\" is invalid: " + field +
                                    ": must be an object");
    }
}

ObjectPtr ObjectStore::create(const ResourceType& type, Json object, std::int64_t nowUnixMillis) {
    normalize(type, object);
    auto& meta = object["metadata"];
    const std::string name = meta.value("name", "");
    const std::string ns = type.namespaced ? meta.value("namespace", "") : "";
    if (name.empty())
        throw ApiError::invalid(type.kind + " is invalid: metadata.name: Required value: name is required");
    auto& bucket = m_objects[&type];
    if (bucket.count({ns, name}) != 0) throw ApiError::alreadyExists(type.qualifiedName(), name);
    object["kind"] = type.kind;
    object["apiVersion"] = type.apiVersion();
    if (!type.namespaced) meta.erase("namespace");
    meta["uid"] = m_uids();
    meta["resourceVersion"] = std::to_string(++m_resourceVersion);
    meta["creationTimestamp"] = rfc3339(nowUnixMillis);
    if (object.contains("spec")) meta["generation"] = 1;
    const std::size_t bytes = storedSize(object);
    auto stored = std::make_shared<const Json>(std::move(object));
    bucket[{ns, name}] = stored;
    publish(EventType::Added, type, stored, bytes);
    return stored;
}

ObjectPtr ObjectStore::update(const ResourceType& type, Json object) {
    normalize(type, object);
    auto& meta = object["metadata"];
    const std::string name = meta.value("name", "");
    const std::string ns = type.namespaced ? meta.value("namespace", "") : "";
    auto& bucket = m_objects[&type];
    const auto it = bucket.find({ns, name});
    if (it == bucket.end()) throw ApiError::notFound(type.qualifiedName(), name);
    const Json& old = *it->second;
    const std::string wanted = meta.value("resourceVersion", "");
    if (!wanted.empty() && wanted != old["metadata"]["resourceVersion"]) {
        throw ApiError::conflict(type.qualifiedName(), name);
    }
    // Immutable identity fields come from the stored object.
    for (const char* field : {"uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"}) {
        if (old["metadata"].contains(field) && !meta.contains(field)) meta[field] = old["metadata"][field];
    }
    meta["uid"] = old["metadata"]["uid"];
    meta["creationTimestamp"] = old["metadata"]["creationTimestamp"];
    if (old.contains("spec")) {
        const std::int64_t generation = old["metadata"].value("generation", 1);
        meta["generation"] = object.value("spec", Json()) != old["spec"] ? generation + 1 : generation;
    }
    object["kind"] = type.kind;
    object["apiVersion"] = type.apiVersion();
    meta["resourceVersion"] = old["metadata"]["resourceVersion"];
    if (object == old) return it->second;  // no change, no new version (as the real server)
    const std::size_t bytes = storedSize(object);
    meta["resourceVersion"] = std::to_string(++m_resourceVersion);
    auto stored = std::make_shared<const Json>(std::move(object));
    it->second = stored;
    publish(EventType::Modified, type, stored, bytes);
    return stored;
}

ObjectPtr ObjectStore::remove(const ResourceType& type, const std::string& ns, const std::string& name) {
    auto& bucket = m_objects[&type];
    const auto it = bucket.find({type.namespaced ? ns : "", name});
    if (it == bucket.end()) throw ApiError::notFound(type.qualifiedName(), name);
    Json last = *it->second;
    bucket.erase(it);
    last["metadata"]["resourceVersion"] = std::to_string(++m_resourceVersion);
    const std::size_t bytes = last.dump().size();
    auto stored = std::make_shared<const Json>(std::move(last));
    publish(EventType::Deleted, type, stored, bytes);
    return stored;
}

std::size_t ObjectStore::storedSize(const Json& object) {
    const std::size_t bytes = object.dump().size();
    if (bytes > kMaxObjectBytes) throw ApiError(413, "RequestEntityTooLarge", "etcdserver: request is too large");
    return bytes;
}

void ObjectStore::publish(EventType eventType, const ResourceType& type, ObjectPtr object, std::size_t bytes) {
    StoreEvent event{m_resourceVersion, eventType, &type, std::move(object), bytes};
    const std::int64_t now = m_clock ? m_clock() : 0;
    m_history.emplace_back(event, now);
    m_historyBytes += bytes;
    const auto tooOld = [&] { return m_clock && m_history.front().second < now - kHistoryAgeMillis; };
    while (m_history.size() > m_historyLimit || (m_historyBytes > kHistoryBytes && m_history.size() > 1) || tooOld()) {
        m_compactedVersion = m_history.front().first.resourceVersion;
        m_historyBytes -= m_history.front().first.bytes;
        m_history.pop_front();
    }
    std::erase_if(m_watchers, [](const auto& weak) { return weak.expired(); });
    for (const auto& weak : m_watchers) {
        if (auto channel = weak.lock(); channel && channel->filter().resource == &type) channel->offer(event);
    }
    for (const auto& listener : m_listeners) {
        try {
            listener(event);
        } catch (const std::exception& e) {
            // A controller that chokes on one object must not take the cluster down.
            std::fprintf(stderr, "meshlings cluster: controller error on %s %s: %s\n", type.kind.c_str(),
                         (*event.object)["metadata"].value("name", "").c_str(), e.what());
        }
    }
}

std::shared_ptr<WatchChannel> ObjectStore::watch(WatchFilter filter, std::optional<std::uint64_t> fromVersion) {
    auto channel = std::make_shared<WatchChannel>(std::move(filter), m_resourceVersion);
    const ResourceType& type = *channel->filter().resource;
    if (!fromVersion || *fromVersion == 0) {
        for (const auto& object : list(type, channel->filter().ns)) {
            channel->offer({m_resourceVersion, EventType::Added, &type, object});
        }
    } else {
        if (*fromVersion < m_compactedVersion) {
            throw ApiError::gone("too old resource version: " + std::to_string(*fromVersion) + " (" +
                                 std::to_string(m_compactedVersion + 1) + ")");
        }
        for (const auto& entry : m_history) {
            const StoreEvent& event = entry.first;
            if (event.resourceVersion > *fromVersion && event.resource == &type) channel->offer(event);
        }
    }
    if (m_watchesClosed) channel->close();
    m_watchers.push_back(channel);
    return channel;
}

void ObjectStore::closeWatches() {
    m_watchesClosed = true;
    for (const auto& weak : m_watchers) {
        if (auto channel = weak.lock()) channel->close();
    }
    m_watchers.clear();
}

}  // namespace meshlings::sim
