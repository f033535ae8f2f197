#include "service_members.hpp"

#include "json_access.hpp"
#include "pod_builder.hpp"

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
    m_changed = true;
    for (const auto& pod : store.list(ResourceRegistry::byKind("Pod"), ns)) update((*pod)["metadata"]["name"], pod);
}

void ServiceMembers::update(const std::string& podName, const ObjectPtr& pod) {
    const auto it = m_members.find(podName);
    if (!pod || !m_selector.matches(*pod) || json_access::text((*pod)["status"], "podIP").empty()) {
        if (it != m_members.end()) {
            m_members.erase(it);
            m_changed = true;
        }
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
        m_members.emplace(podName, std::move(member));
        m_changed = true;
    } else if (!(it->second == member)) {
        it->second = std::move(member);
        m_changed = true;
    }
}

void ServiceMembers::fill(Json& ready, Json& notReady, Json& sliceEndpoints) const {
    for (const auto& [name, member] : m_members) {
        if (!member.address.is_null()) (member.ready ? ready : notReady).push_back(member.address);
        sliceEndpoints.push_back(member.sliceEndpoint);
    }
}

bool ServiceMembers::upToDate(const ObjectPtr& service, const ObjectPtr& endpoints, const ObjectPtr& slice) const {
    return !m_changed && m_service && service == m_service && endpoints == m_endpoints && slice == m_slice;
}

void ServiceMembers::written(ObjectPtr service, ObjectPtr endpoints, ObjectPtr slice) {
    m_service = std::move(service);
    m_endpoints = std::move(endpoints);
    m_slice = std::move(slice);
    m_changed = false;
}

}  // namespace meshlings::sim
