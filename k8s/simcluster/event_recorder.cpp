#include "simcluster/event_recorder.hpp"

#include <cstdio>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

void EventRecorder::record(const nlohmann::json& involved, const std::string& type, const std::string& reason,
                           const std::string& message, const std::string& component, const std::string& fieldPath) {
    const auto& meta = involved["metadata"];
    const std::string ns = meta.value("namespace", "default");
    std::string key = ns + '\n' + meta.value("uid", "") + '\n' + fieldPath + '\n' + type + '\n' + reason + '\n' +
                      component + '\n' + message;
    if (countRepeat(key)) return;
    char suffix[20];
    std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(m_context.uidRng.next()));
    const std::string name = meta.value("name", "") + "." + std::string(suffix).substr(0, 16);
    const std::string host = involved["spec"].value("nodeName", "");
    nlohmann::json ref{{"kind", involved.value("kind", "")},
                       {"namespace", ns},
                       {"name", meta.value("name", "")},
                       {"uid", meta.value("uid", "")},
                       {"apiVersion", involved.value("apiVersion", "v1")},
                       {"resourceVersion", meta.value("resourceVersion", "")}};
    if (!fieldPath.empty()) ref["fieldPath"] = fieldPath;
    nlohmann::json source{{"component", component}};
    if (!host.empty() && component == "kubelet") source["host"] = host;
    const std::string now = m_context.timestamp();
    nlohmann::json event{{"metadata", {{"name", name}, {"namespace", ns}}},
                         {"involvedObject", ref},
                         {"reason", reason},
                         {"message", message},
                         {"source", source},
                         {"firstTimestamp", now},
                         {"lastTimestamp", now},
                         {"count", 1},
                         {"type", type},
                         {"eventTime", nullptr},
                         {"reportingComponent", component},
                         {"reportingInstance", component == "kubelet" ? host : ""}};
    const auto& events = ResourceRegistry::byKind("Event");
    m_context.store.create(events, std::move(event), m_context.unixNow());
    m_byKey[key] = name;
    m_recorded.push_back({ns, name, m_context.now, std::move(key)});
    expire();
}

bool EventRecorder::countRepeat(const std::string& key) {
    const auto found = m_byKey.find(key);
    if (found == m_byKey.end()) return false;
    const auto& events = ResourceRegistry::byKind("Event");
    const std::string ns = key.substr(0, key.find('\n'));
    const auto existing = m_context.store.get(events, ns, found->second);
    if (!existing) return false;
    nlohmann::json event = *existing;
    event["count"] = event.value("count", 1) + 1;
    event["lastTimestamp"] = m_context.timestamp();
    m_context.store.update(events, event);
    return true;
}

void EventRecorder::expire() {
    const auto& events = ResourceRegistry::byKind("Event");
    while (!m_recorded.empty() &&
           (m_recorded.size() > kMaxEvents || m_recorded.front().at <= m_context.now - kEventTtl)) {
        const Recorded old = std::move(m_recorded.front());
        m_recorded.pop_front();
        if (const auto it = m_byKey.find(old.key); it != m_byKey.end() && it->second == old.name) m_byKey.erase(it);
        if (m_context.store.get(events, old.ns, old.name)) m_context.store.remove(events, old.ns, old.name);
    }
}

}  // namespace meshlings::sim
