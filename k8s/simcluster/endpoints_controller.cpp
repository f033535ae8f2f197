#include "endpoints_controller.hpp"

#include "json_access.hpp"
#include "pod_builder.hpp"
#include "selector.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
const ResourceType& serviceType() { return ResourceRegistry::byKind("Service"); }
const ResourceType& podType() { return ResourceRegistry::byKind("Pod"); }

Json targetRef(const Json& pod) {
    return {{"kind", "Pod"},
            {"namespace", pod["metadata"]["namespace"]},
            {"name", pod["metadata"]["name"]},
            {"uid", pod["metadata"]["uid"]}};
}

}  // namespace

void EndpointsController::onEvent(const StoreEvent& event) {
    const Json& object = *event.object;
    const std::string ns = object["metadata"].value("namespace", "");
    if (event.resource == &serviceType()) {
        enqueue(ns, object["metadata"]["name"]);
    } else if (event.resource == &podType()) {
        for (const auto& service : m_context.store.list(serviceType(), ns)) {
            const auto& selector = (*service)["spec"].value("selector", Json::object());
            if (!selector.empty() && Selector::fromLabelMap(selector).matches(object)) {
                enqueue(ns, (*service)["metadata"]["name"]);
            }
        }
    }
}

void EndpointsController::enqueue(const std::string& ns, const std::string& name) {
    if (!m_queued.insert({ns, name}).second) return;
    m_context.scheduler.at(m_context.now, [this, ns, name] {
        m_queued.erase({ns, name});
        syncService(ns, name);
    });
}

void EndpointsController::syncService(const std::string& ns, const std::string& name) {
    const auto& endpointsType = ResourceRegistry::byKind("Endpoints");
    const auto& sliceType = ResourceRegistry::byKind("EndpointSlice");
    const auto service = m_context.store.get(serviceType(), ns, name);
    if (!service) {
        if (m_context.store.get(endpointsType, ns, name)) m_context.store.remove(endpointsType, ns, name);
        if (const auto it = m_sliceNames.find({ns, name}); it != m_sliceNames.end()) {
            if (m_context.store.get(sliceType, ns, it->second)) m_context.store.remove(sliceType, ns, it->second);
            m_sliceNames.erase(it);
        }
        return;
    }
    const auto& selectorMap = (*service)["spec"].value("selector", Json::object());
    if (selectorMap.empty()) return;  // endpoints of selector-less services are managed by hand
    const Selector selector = Selector::fromLabelMap(selectorMap);
    std::vector<ObjectPtr> pods;
    Json ready = Json::array(), notReady = Json::array();
    for (const auto& pod : m_context.store.list(podType(), ns)) {
        if (!selector.matches(*pod) || json_access::text((*pod)["status"], "podIP").empty()) continue;
        pods.push_back(pod);
        const std::string phase = (*pod)["status"].value("phase", "");
        if (pod_builder::isTerminating(*pod) || phase == "Succeeded" || phase == "Failed") continue;
        Json address{{"ip", (*pod)["status"]["podIP"]},
                     {"nodeName", json_access::text((*pod)["spec"], "nodeName")},
                     {"targetRef", targetRef(*pod)}};
        (pod_builder::isReady(*pod) ? ready : notReady).push_back(std::move(address));
    }
    Json ports = Json::array();
    for (const auto& port : (*service)["spec"].value("ports", Json::array())) {
        Json p = Json::object();
        const bool numericTarget = port.contains("targetPort") && port["targetPort"].is_number_integer();
        p["port"] = numericTarget ? port["targetPort"] : port.value("port", Json(0));
        p["protocol"] = port.value("protocol", "TCP");
        if (port.contains("name")) p["name"] = port["name"];
        ports.push_back(std::move(p));
    }
    Json endpoints{{"metadata", {{"name", name}, {"namespace", ns},
                                 {"labels", (*service)["metadata"].value("labels", Json::object())}}}};
    if (!ready.empty() || !notReady.empty()) {
        Json subset{{"ports", ports}};
        if (!ready.empty()) subset["addresses"] = ready;
        if (!notReady.empty()) subset["notReadyAddresses"] = notReady;
        endpoints["subsets"] = Json::array({subset});
    }
    if (const auto existing = m_context.store.get(endpointsType, ns, name)) {
        Json updated = *existing;
        updated["metadata"]["labels"] = endpoints["metadata"]["labels"];
        updated.erase("subsets");
        if (endpoints.contains("subsets")) updated["subsets"] = endpoints["subsets"];
        m_context.store.update(endpointsType, updated);
    } else {
        m_context.store.create(endpointsType, endpoints, m_context.unixNow());
    }
    Json slice = buildSlice(*service, pods, ports);
    if (const auto existing = m_context.store.get(sliceType, ns, slice["metadata"]["name"])) {
        Json updated = *existing;
        updated["endpoints"] = slice["endpoints"];
        updated["ports"] = slice["ports"];
        m_context.store.update(sliceType, updated);
    } else {
        m_context.store.create(sliceType, slice, m_context.unixNow());
    }
}

Json EndpointsController::buildSlice(const Json& service, const std::vector<ObjectPtr>& pods, const Json& ports) {
    const std::string ns = service["metadata"]["namespace"];
    const std::string name = service["metadata"]["name"];
    auto& sliceName = m_sliceNames[{ns, name}];
    if (sliceName.empty()) sliceName = name + "-" + m_context.rng.suffix(5);
    Json endpoints = Json::array();
    for (const auto& pod : pods) {
        const bool terminating = pod_builder::isTerminating(*pod);
        const bool ready = pod_builder::isReady(*pod);
        endpoints.push_back({{"addresses", Json::array({(*pod)["status"]["podIP"]})},
                             {"conditions", {{"ready", ready}, {"serving", ready}, {"terminating", terminating}}},
                             {"nodeName", json_access::text((*pod)["spec"], "nodeName")},
                             {"targetRef", targetRef(*pod)}});
    }
    return {{"metadata",
             {{"name", sliceName},
              {"namespace", ns},
              {"generateName", name + "-"},
              {"labels",
               {{"kubernetes.io/service-name", name},
                {"endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"}}},
              {"ownerReferences",
               {{{"apiVersion", "v1"}, {"kind", "Service"}, {"name", name}, {"uid", service["metadata"]["uid"]},
                 {"controller", true}, {"blockOwnerDeletion", true}}}}}},
            {"addressType", "IPv4"},
            {"endpoints", endpoints},
            {"ports", ports}};
}

}  // namespace meshlings::sim
