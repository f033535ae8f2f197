#include "client/informer_cache.hpp"

#include "client/status_error.hpp"
#include "common/json_access_common.hpp"

namespace meshlings::k8s {

namespace ja = json_access;
using Json = nlohmann::json;

std::string InformerCache::keyOf(const Json& object) {
    const Json& meta = ja::object(object, "metadata");
    const std::string name = ja::text(meta, "name");
    if (name.empty()) return "";
    const std::string nameSpace = ja::text(meta, "namespace");
    return nameSpace.empty() ? name : nameSpace + "/" + name;
}

std::string InformerCache::resourceVersionOf(const Json& object) {
    return ja::text(ja::object(object, "metadata"), "resourceVersion");
}

InformerEvent InformerCache::objectEvent(InformerEventKind kind, const std::string& key, ObjectPtr object,
                                         ObjectPtr previous) {
    InformerEvent event;
    event.kind = kind;
    event.key = key;
    event.resourceVersion = object ? resourceVersionOf(*object) : "";
    event.object = std::move(object);
    event.previous = std::move(previous);
    return event;
}

std::vector<ObjectPtr> InformerCache::snapshot() const {
    std::lock_guard lock(m_mutex);
    std::vector<ObjectPtr> out;
    out.reserve(m_objects.size());
    for (const auto& [key, object] : m_objects) out.push_back(object);
    return out;
}

ObjectPtr InformerCache::get(const std::string& nameSpace, const std::string& name) const {
    return get(nameSpace.empty() ? name : nameSpace + "/" + name);
}

ObjectPtr InformerCache::get(const std::string& key) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_objects.find(key);
    return it == m_objects.end() ? nullptr : it->second;
}

std::vector<std::string> InformerCache::keys() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    out.reserve(m_objects.size());
    for (const auto& entry : m_objects) out.push_back(entry.first);
    return out;
}

std::size_t InformerCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_objects.size();
}

std::optional<InformerEvent> InformerCache::apply(WatchEventType type, const Json& object) {
    const std::string key = keyOf(object);
    if (key.empty()) throw DecodeError("a watch event's object has no metadata.name");
    auto fresh = std::make_shared<const Json>(object);
    std::lock_guard lock(m_mutex);
    const auto it = m_objects.find(key);
    if (type == WatchEventType::Deleted) {
        if (it == m_objects.end()) return std::nullopt;
        ObjectPtr held = std::move(it->second);
        m_objects.erase(it);
        return objectEvent(InformerEventKind::Deleted, key, std::move(fresh), std::move(held));
    }
    if (it == m_objects.end()) {
        m_objects.emplace(key, fresh);
        return objectEvent(InformerEventKind::Added, key, std::move(fresh), nullptr);
    }
    const std::string version = resourceVersionOf(object);
    if (!version.empty() && version == resourceVersionOf(*it->second)) return std::nullopt;
    ObjectPtr held = std::exchange(it->second, fresh);
    return objectEvent(InformerEventKind::Updated, key, std::move(fresh), std::move(held));
}

std::vector<InformerEvent> InformerCache::replace(const Json& items) {
    if (!items.is_array()) throw DecodeError("the list's items are not an array");
    std::map<std::string, ObjectPtr> next;
    std::size_t index = 0;
    for (const auto& item : items) {
        const std::string key = keyOf(item);
        if (key.empty()) throw DecodeError("item " + std::to_string(index) + " of the list has no metadata.name");
        next[key] = std::make_shared<const Json>(item);
        ++index;
    }
    std::vector<InformerEvent> events;
    std::lock_guard lock(m_mutex);
    for (const auto& [key, held] : m_objects) {
        if (next.count(key) == 0) {
            events.push_back(objectEvent(InformerEventKind::Deleted, key, held, held));
            events.back().finalStateUnknown = true;
        }
    }
    for (auto& [key, fresh] : next) {
        const auto it = m_objects.find(key);
        if (it == m_objects.end()) {
            events.push_back(objectEvent(InformerEventKind::Added, key, fresh, nullptr));
            continue;
        }
        const std::string uid = ja::text(ja::object(*fresh, "metadata"), "uid");
        const std::string heldUid = ja::text(ja::object(*it->second, "metadata"), "uid");
        if (!uid.empty() && !heldUid.empty() && uid != heldUid) {
            events.push_back(objectEvent(InformerEventKind::Deleted, key, it->second, it->second));
            events.back().finalStateUnknown = true;
            events.push_back(objectEvent(InformerEventKind::Added, key, fresh, nullptr));
            continue;
        }
        const std::string version = resourceVersionOf(*fresh);
        if (!version.empty() && version == resourceVersionOf(*it->second)) {
            fresh = it->second;  // unchanged: keep the instance readers already hold
            continue;
        }
        events.push_back(objectEvent(InformerEventKind::Updated, key, fresh, it->second));
    }
    m_objects = std::move(next);
    return events;
}

}  // namespace meshlings::k8s
