#include "simcluster/garbage_collector.hpp"

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

void GarbageCollector::onEvent(const StoreEvent& event) {
    if (event.type != EventType::Deleted) return;
    const std::string& kind = event.resource->kind;
    if (kind != "Deployment" && kind != "ReplicaSet") return;
    const auto& meta = (*event.object)["metadata"];
    const std::string ns = json_access::text(meta, "namespace");
    const std::string uid = json_access::text(meta, "uid");
    const ResourceType& dependents = ResourceRegistry::byKind(kind == "Deployment" ? "ReplicaSet" : "Pod");
    m_context.scheduler.at(m_context.now, [this, ns, uid, &dependents] { collect(ns, uid, dependents); });
}

void GarbageCollector::collect(const std::string& ns, const std::string& ownerUid, const ResourceType& dependents) {
    for (const auto& object : m_context.store.list(dependents, ns)) {
        bool owned = false;
        for (const auto& ref : json_access::array((*object)["metadata"], "ownerReferences")) {
            owned = owned || json_access::text(ref, "uid") == ownerUid;
        }
        if (!owned) continue;
        const std::string name = (*object)["metadata"]["name"];
        if (dependents.kind == "Pod") {
            if (!pod_builder::isTerminating(*object)) m_kubelet.deletePod(ns, name, std::nullopt, "", false);
        } else {
            m_context.store.remove(dependents, ns, name);  // its own deletion collects its pods in turn
        }
    }
}

}  // namespace meshlings::sim
