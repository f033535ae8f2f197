#pragma once
// The pods behind one Service, as its Endpoints and EndpointSlice list them:
// one entry per selected pod that has an IP, in name order (the store's list
// order), kept up to date pod by pod. A pod's change thus costs one entry
// instead of a scan of the namespace, and a sync with nothing changed writes
// nothing. Owned by EndpointsController, one per Service.
#include <map>
#include <string>

#include "object_store.hpp"
#include "selector.hpp"

namespace meshlings::sim {

class ServiceMembers {
public:
    // Rebuilds the entries from every pod of `ns` when `selectorMap` (the
    // Service's spec.selector) is not the one they were built for.
    void track(const ObjectStore& store, const std::string& ns, const nlohmann::json& selectorMap);
    // The pod's current state (nullptr: gone).
    void update(const std::string& podName, const ObjectPtr& pod);

    // Endpoints addresses (ready, not ready) and EndpointSlice endpoints, in name order.
    void fill(nlohmann::json& ready, nlohmann::json& notReady, nlohmann::json& sliceEndpoints) const;

    // Whether the objects last written for these entries are still the stored ones
    // and no entry changed since: a sync would then write the same objects again.
    bool upToDate(const ObjectPtr& service, const ObjectPtr& endpoints, const ObjectPtr& slice) const;
    void written(ObjectPtr service, ObjectPtr endpoints, ObjectPtr slice);

private:
    struct Member {
        nlohmann::json address;  // null when terminating or finished (not listed in Endpoints)
        bool ready = false;
        nlohmann::json sliceEndpoint;
        bool operator==(const Member&) const = default;
    };

    nlohmann::json m_selectorMap;  // null until built
    Selector m_selector;
    std::map<std::string, Member> m_members;  // pod name
    bool m_changed = true;
    ObjectPtr m_service, m_endpoints, m_slice;  // as last written
};

}  // namespace meshlings::sim
