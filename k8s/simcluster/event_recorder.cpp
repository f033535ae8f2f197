#include "simcluster/event_recorder.hpp"

#include <cstdio>

#include "simcluster/resource_type.hpp"

namespace meshlings::sim {

void EventRecorder::record(const nlohmann::json& involved, const std::string& type, const std::string& reason,
                           const std::string& message, const std::string& component, const std::string& fieldPath) {
    const auto& meta = involved["metadata"];
    const std::string ns = meta.value("namespace", "default");
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
    m_recorded.push_back({ns, name, m_context.now});
    expire();
}

void EventRecorder::expire() {
    const auto& events = ResourceRegistry::byKind("Event");
    while (!m_recorded.empty() &&
           (m_recorded.size() > kMaxEvents || m_recorded.front().at <= m_context.now - kEventTtl)) {
        const Recorded old = std::move(m_recorded.front());
        m_recorded.pop_front();
        if (m_context.store.get(events, old.ns, old.name)) m_context.store.remove(events, old.ns, old.name);
    }
}

}  // namespace meshlings::sim
