#include "simcluster/endpoints_controller.hpp"

#include <algorithm>
#include <initializer_list>

#include "simcluster/selector.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
const ResourceType& serviceType() {
    return ResourceRegistry::byKind("Service");
}
const ResourceType& sliceType() {
    return ResourceRegistry::byKind("EndpointSlice");
}
constexpr const char* kOverCapacity = "endpoints.kubernetes.io/over-capacity";

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
    } else if (event.resource == &ResourceRegistry::pods()) {
        const std::string podName = object["metadata"]["name"];
        const ObjectPtr current = m_context.store.get(ResourceRegistry::pods(), ns, podName);
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
    const auto service = m_context.store.get(serviceType(), ns, name);
    const auto selectorMap = service ? (*service)["spec"].value("selector", Json::object()) : Json::object();
    if (!service || selectorMap.empty()) {  // endpoints of selector-less services are managed by hand
        if (!service) removeObjects(ns, name);
        m_members.erase({ns, name});
        return;
    }
    auto& members = m_members[{ns, name}];
    members.track(m_context.store, ns, selectorMap);
    members.serviceIs(service);
    syncEndpoints(*service, members);
    syncSlices(*service, members);
}

void EndpointsController::removeObjects(const std::string& ns, const std::string& name) {
    const auto& endpointsType = ResourceRegistry::byKind("Endpoints");
    if (m_context.store.get(endpointsType, ns, name)) m_context.store.remove(endpointsType, ns, name);
    const auto members = m_members.find({ns, name});
    if (members == m_members.end()) return;
    for (const auto& [id, slice] : members->second.slices()) {
        if (!slice.name.empty() && m_context.store.get(sliceType(), ns, slice.name)) {
            m_context.store.remove(sliceType(), ns, slice.name);
        }
    }
}

void EndpointsController::syncEndpoints(const Json& service, ServiceMembers& members) {
    const auto& endpointsType = ResourceRegistry::byKind("Endpoints");
    const std::string ns = service["metadata"]["namespace"];
    const std::string name = service["metadata"]["name"];
    const auto existing = m_context.store.get(endpointsType, ns, name);
    if (members.endpointsUpToDate(existing)) return;
    Json ready = Json::array(), notReady = Json::array();
    const bool truncated = members.fillEndpoints(ready, notReady);
    Json subsets;
    if (!ready.empty() || !notReady.empty()) {
        Json subset{{"ports", endpointPorts(service)}};
        if (!ready.empty()) subset["addresses"] = std::move(ready);
        if (!notReady.empty()) subset["notReadyAddresses"] = std::move(notReady);
        subsets = Json::array({std::move(subset)});
    }
    Json object = existing ? without(*existing, {"subsets"}) : Json{{"metadata", {{"name", name}, {"namespace", ns}}}};
    object["metadata"]["labels"] = service["metadata"].value("labels", Json::object());
    auto& annotations = object["metadata"]["annotations"];
    if (truncated) {
        annotations[kOverCapacity] = "truncated";
    } else if (annotations.is_object()) {
        annotations.erase(kOverCapacity);
    }
    if (annotations.is_null() || annotations.empty()) object["metadata"].erase("annotations");
    if (!subsets.is_null()) object["subsets"] = std::move(subsets);
    members.endpointsWritten(existing ? m_context.store.update(endpointsType, std::move(object))
                                      : m_context.store.create(endpointsType, std::move(object), m_context.unixNow()));
}

// Writes the slices that changed; drops emptied slices but keeps one, as a
// Service with no endpoints still has an (empty) EndpointSlice.
void EndpointsController::syncSlices(const Json& service, ServiceMembers& members) {
    const std::string ns = service["metadata"]["namespace"];
    auto& slices = members.slices();
    if (slices.empty()) slices[0];
    for (auto it = slices.begin(); it != slices.end();) {
        auto& slice = it->second;
        const auto existing = slice.name.empty() ? nullptr : m_context.store.get(sliceType(), ns, slice.name);
        if (slice.pods.empty() && slices.size() > 1) {
            if (existing) m_context.store.remove(sliceType(), ns, slice.name);
            it = slices.erase(it);
            continue;
        }
        if (!ServiceMembers::sliceUpToDate(slice, existing)) {
            Json endpoints = members.sliceEndpoints(slice);
            if (existing) {
                Json updated = without(*existing, {"endpoints", "ports"});
                updated["endpoints"] = std::move(endpoints);
                updated["ports"] = endpointPorts(service);
                slice.written = m_context.store.update(sliceType(), std::move(updated));
            } else {
                slice.written = m_context.store.create(sliceType(), buildSlice(service, slice, std::move(endpoints)),
                                                       m_context.unixNow());
            }
            slice.changed = false;
        }
        ++it;
    }
}

Json EndpointsController::endpointPorts(const Json& service) {
    Json ports = Json::array();
    for (const auto& port : service["spec"].value("ports", Json::array())) {
        Json p = Json::object();
        const bool numericTarget = port.contains("targetPort") && port["targetPort"].is_number_integer();
        p["port"] = numericTarget ? port["targetPort"] : port.value("port", Json(0));
        p["protocol"] = port.value("protocol", "TCP");
        if (port.contains("name")) p["name"] = port["name"];
        ports.push_back(std::move(p));
    }
    return ports;
}

Json EndpointsController::buildSlice(const Json& service, ServiceMembers::Slice& slice, Json endpoints) {
    const std::string ns = service["metadata"]["namespace"];
    const std::string name = service["metadata"]["name"];
    if (slice.name.empty()) slice.name = name + "-" + m_context.nameSuffix();
    return {{"metadata",
             {{"name", slice.name},
              {"namespace", ns},
              {"generateName", name + "-"},
              {"labels",
               {{"kubernetes.io/service-name", name},
                {"endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"}}},
              {"ownerReferences",
               {{{"apiVersion", "v1"},
                 {"kind", "Service"},
                 {"name", name},
                 {"uid", service["metadata"]["uid"]},
                 {"controller", true},
                 {"blockOwnerDeletion", true}}}}}},
            {"addressType", "IPv4"},
            {"endpoints", std::move(endpoints)},
            {"ports", endpointPorts(service)}};
}

}  // namespace meshlings::sim
