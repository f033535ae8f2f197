#include "simcluster/pod_owner_index.hpp"

#include <algorithm>

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

void PodOwnerIndex::onPodEvent(const StoreEvent& event) {
    const auto& meta = json_access::object(*event.object, "metadata");
    const std::string ns = json_access::text(meta, "namespace");
    const std::string name = json_access::text(meta, "name");
    forget(ns, name);
    if (const auto current = m_store.get(*event.resource, ns, name)) remember(ns, name, *current);
}

PodOwnerIndex::Counts PodOwnerIndex::counts(const std::string& ns, const std::string& ownerUid) const {
    const auto it = m_owners.find({ns, ownerUid});
    return it == m_owners.end() ? Counts{} : Counts{it->second.active.size(), it->second.ready};
}

const std::set<std::string>& PodOwnerIndex::activePods(const std::string& ns, const std::string& ownerUid) const {
    static const std::set<std::string> kNone;
    const auto it = m_owners.find({ns, ownerUid});
    return it == m_owners.end() ? kNone : it->second.active;
}

void PodOwnerIndex::forget(const std::string& ns, const std::string& name) {
    const auto it = m_pods.find({ns, name});
    if (it == m_pods.end()) return;
    for (const auto& uid : it->second.owners) {
        const auto owned = m_owners.find({ns, uid});
        owned->second.active.erase(name);
        if (it->second.ready) --owned->second.ready;
        if (owned->second.active.empty()) m_owners.erase(owned);
    }
    m_pods.erase(it);
}

void PodOwnerIndex::remember(const std::string& ns, const std::string& name, const nlohmann::json& pod) {
    PodState state;
    for (const auto& ref : json_access::array(json_access::object(pod, "metadata"), "ownerReferences")) {
        std::string uid = json_access::text(ref, "uid");
        if (std::find(state.owners.begin(), state.owners.end(), uid) == state.owners.end()) {
            state.owners.push_back(std::move(uid));
        }
    }
    const std::string phase = json_access::text(json_access::object(pod, "status"), "phase");
    const bool active = !pod_builder::isTerminating(pod) && phase != "Succeeded" && phase != "Failed";
    if (state.owners.empty() || !active) return;  // nobody counts it
    state.ready = pod_builder::isReady(pod);
    for (const auto& uid : state.owners) {
        Owned& owned = m_owners[{ns, uid}];
        owned.active.insert(name);
        if (state.ready) ++owned.ready;
    }
    m_pods.emplace(Key{ns, name}, std::move(state));
}

}  // namespace meshlings::sim
