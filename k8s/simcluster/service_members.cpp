#include "simcluster/service_members.hpp"

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

Json targetRef(const Json& pod) {
    return {{"kind", "Pod"},
            {"namespace", pod["metadata"]["namespace"]},
            {"name", pod["metadata"]["name"]},
            {"uid", pod["metadata"]["uid"]}};
}

}  // namespace

void ServiceMembers::track(const ObjectStore& store, const std::string& ns, const Json& selectorMap) {
    if (!m_selectorMap.is_null() && m_selectorMap == selectorMap) return;
    m_selectorMap = selectorMap;
    m_selector = Selector::fromLabelMap(selectorMap);
    m_members.clear();
    for (auto& [id, slice] : m_slices) {
        slice.pods.clear();
        slice.changed = true;
    }
    m_endpointsChanged = true;
    for (const auto& pod : store.list(ResourceRegistry::byKind("Pod"), ns)) update((*pod)["metadata"]["name"], pod);
}

void ServiceMembers::serviceIs(const ObjectPtr& service) {
    if (service == m_service) return;
    m_service = service;
    m_endpointsChanged = true;
    for (auto& [id, slice] : m_slices) slice.changed = true;
}

void ServiceMembers::update(const std::string& podName, const ObjectPtr& pod) {
    const auto it = m_members.find(podName);
    if (!pod || !m_selector.matches(*pod) || json_access::text((*pod)["status"], "podIP").empty()) {
        if (it != m_members.end()) drop(it);
        return;
    }
    const Json& p = *pod;
    const bool terminating = pod_builder::isTerminating(p);
    const bool ready = pod_builder::isReady(p);
    const std::string phase = json_access::text(p["status"], "phase");
    const std::string nodeName = json_access::text(p["spec"], "nodeName");
    Member member;
    member.sliceEndpoint = {{"addresses", Json::array({p["status"]["podIP"]})},
                            {"conditions", {{"ready", ready}, {"serving", ready}, {"terminating", terminating}}},
                            {"nodeName", nodeName},
                            {"targetRef", targetRef(p)}};
    if (!terminating && phase != "Succeeded" && phase != "Failed") {
        member.address = {{"ip", p["status"]["podIP"]}, {"nodeName", nodeName}, {"targetRef", targetRef(p)}};
        member.ready = ready;
    }
    if (it == m_members.end()) {
        add(podName, std::move(member));
        return;
    }
    Member& old = it->second;
    if (old.address != member.address || old.ready != member.ready) m_endpointsChanged = true;
    if (old.sliceEndpoint != member.sliceEndpoint) m_slices[old.slice].changed = true;
    old.address = std::move(member.address);
    old.ready = member.ready;
    old.sliceEndpoint = std::move(member.sliceEndpoint);
}

// A new endpoint goes into the first slice with room, or a new slice.
void ServiceMembers::add(const std::string& podName, Member member) {
    int chosen = -1;
    for (auto& [id, slice] : m_slices) {
        if (slice.pods.size() < kMaxSliceEndpoints) {
            chosen = id;
            break;
        }
    }
    if (chosen < 0) chosen = m_nextSlice++;
    Slice& slice = m_slices[chosen];
    slice.pods.insert(podName);
    slice.changed = true;
    member.slice = chosen;
    if (!member.address.is_null()) m_endpointsChanged = true;
    m_members.emplace(podName, std::move(member));
}

void ServiceMembers::drop(std::map<std::string, Member>::iterator it) {
    Slice& slice = m_slices[it->second.slice];
    slice.pods.erase(it->first);
    slice.changed = true;
    if (!it->second.address.is_null()) m_endpointsChanged = true;
    m_members.erase(it);
}

bool ServiceMembers::fillEndpoints(Json& ready, Json& notReady) const {
    std::size_t readyCount = 0, total = 0;
    for (const auto& [name, member] : m_members) {
        if (member.address.is_null()) continue;
        ++total;
        if (member.ready && readyCount < kMaxEndpointsAddresses) {
            ready.push_back(member.address);
            ++readyCount;
        }
    }
    for (const auto& [name, member] : m_members) {
        if (readyCount + notReady.size() >= kMaxEndpointsAddresses) break;
        if (!member.address.is_null() && !member.ready) notReady.push_back(member.address);
    }
    return total > kMaxEndpointsAddresses;
}

void ServiceMembers::endpointsWritten(ObjectPtr endpoints) {
    m_endpoints = std::move(endpoints);
    m_endpointsChanged = false;
}

Json ServiceMembers::sliceEndpoints(const Slice& slice) const {
    Json out = Json::array();
    for (const auto& pod : slice.pods) out.push_back(m_members.at(pod).sliceEndpoint);
    return out;
}

}  // namespace meshlings::sim
