#include "endpoints_controller.hpp"

#include <algorithm>
#include <initializer_list>

#include "selector.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
const ResourceType& serviceType() { return ResourceRegistry::byKind("Service"); }
const ResourceType& podType() { return ResourceRegistry::byKind("Pod"); }

// `object` without the fields in `skip`: a copy of an object's small parts
// before its big ones are replaced.
Json without(const Json& object, std::initializer_list<const char*> skip) {
    Json out = Json::object();
    for (const auto& [key, value] : object.items()) {
        if (std::find_if(skip.begin(), skip.end(), [&](const char* s) { return key == s; }) == skip.end()) {
            out[key] = value;
        }
    }
    return out;
}

}  // namespace

void EndpointsController::onEvent(const StoreEvent& event) {
    const Json& object = *event.object;
    const std::string ns = object["metadata"].value("namespace", "");
    if (event.resource == &serviceType()) {
        enqueue(ns, object["metadata"]["name"]);
    } else if (event.resource == &podType()) {
        const std::string podName = object["metadata"]["name"];
        const ObjectPtr current = m_context.store.get(podType(), ns, podName);
        for (const auto& service : m_context.store.list(serviceType(), ns)) {
            const auto& selector = (*service)["spec"].value("selector", Json::object());
            if (selector.empty()) continue;
            const std::string name = (*service)["metadata"]["name"];
            auto& members = m_members[{ns, name}];
            members.track(m_context.store, ns, selector);
            members.update(podName, current);
            if (Selector::fromLabelMap(selector).matches(object)) enqueue(ns, name);
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
        m_members.erase({ns, name});
        if (m_context.store.get(endpointsType, ns, name)) m_context.store.remove(endpointsType, ns, name);
        if (const auto it = m_sliceNames.find({ns, name}); it != m_sliceNames.end()) {
            if (m_context.store.get(sliceType, ns, it->second)) m_context.store.remove(sliceType, ns, it->second);
            m_sliceNames.erase(it);
        }
        return;
    }
    const auto& selectorMap = (*service)["spec"].value("selector", Json::object());
    if (selectorMap.empty()) {  // endpoints of selector-less services are managed by hand
        m_members.erase({ns, name});
        return;
    }
    auto& members = m_members[{ns, name}];
    members.track(m_context.store, ns, selectorMap);
    const auto existingEndpoints = m_context.store.get(endpointsType, ns, name);
    const auto sliceName = m_sliceNames.find({ns, name});
    const auto existingSlice =
        sliceName == m_sliceNames.end() ? nullptr : m_context.store.get(sliceType, ns, sliceName->second);
    if (members.upToDate(service, existingEndpoints, existingSlice)) return;
    Json ready = Json::array(), notReady = Json::array(), sliceEndpoints = Json::array();
    members.fill(ready, notReady, sliceEndpoints);
    Json ports = Json::array();
    for (const auto& port : (*service)["spec"].value("ports", Json::array())) {
        Json p = Json::object();
        const bool numericTarget = port.contains("targetPort") && port["targetPort"].is_number_integer();
        p["port"] = numericTarget ? port["targetPort"] : port.value("port", Json(0));
        p["protocol"] = port.value("protocol", "TCP");
        if (port.contains("name")) p["name"] = port["name"];
        ports.push_back(std::move(p));
    }
    Json labels = (*service)["metadata"].value("labels", Json::object());
    Json subsets;
    if (!ready.empty() || !notReady.empty()) {
        Json subset{{"ports", ports}};
        if (!ready.empty()) subset["addresses"] = std::move(ready);
        if (!notReady.empty()) subset["notReadyAddresses"] = std::move(notReady);
        subsets = Json::array({std::move(subset)});
    }
    ObjectPtr storedEndpoints;
    if (existingEndpoints) {
        Json updated = without(*existingEndpoints, {"subsets"});
        updated["metadata"]["labels"] = std::move(labels);
        if (!subsets.is_null()) updated["subsets"] = std::move(subsets);
        storedEndpoints = m_context.store.update(endpointsType, std::move(updated));
    } else {
        Json endpoints{{"metadata", {{"name", name}, {"namespace", ns}, {"labels", std::move(labels)}}}};
        if (!subsets.is_null()) endpoints["subsets"] = std::move(subsets);
        storedEndpoints = m_context.store.create(endpointsType, std::move(endpoints), m_context.unixNow());
    }
    Json slice = buildSlice(*service, std::move(sliceEndpoints), ports);
    ObjectPtr storedSlice;
    if (const auto existing = m_context.store.get(sliceType, ns, slice["metadata"]["name"])) {
        Json updated = without(*existing, {"endpoints", "ports"});
        updated["endpoints"] = std::move(slice["endpoints"]);
        updated["ports"] = std::move(slice["ports"]);
        storedSlice = m_context.store.update(sliceType, std::move(updated));
    } else {
        storedSlice = m_context.store.create(sliceType, std::move(slice), m_context.unixNow());
    }
    members.written(service, storedEndpoints, storedSlice);
}

Json EndpointsController::buildSlice(const Json& service, Json endpoints, const Json& ports) {
    const std::string ns = service["metadata"]["namespace"];
    const std::string name = service["metadata"]["name"];
    auto& sliceName = m_sliceNames[{ns, name}];
    if (sliceName.empty()) sliceName = name + "-" + m_context.rng.suffix(5);
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
            {"endpoints", std::move(endpoints)},
            {"ports", ports}};
}

}  // namespace meshlings::sim
