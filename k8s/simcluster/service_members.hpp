#pragma once
// The pods behind one Service, as its Endpoints and EndpointSlices list them,
// kept up to date pod by pod, so a pod's change costs one entry instead of a
// scan of the namespace and a sync with nothing changed writes nothing.
//
// As in Kubernetes, the endpoints are spread over EndpointSlices of at most
// 100 entries, and an endpoint stays in the slice it was put in: a change of
// one pod rewrites one slice, not the whole list. The Endpoints object lists
// at most 1,000 addresses (Ready ones first) and says so with the
// `endpoints.kubernetes.io/over-capacity: truncated` annotation.
// Owned by EndpointsController, one per Service.
#include <map>
#include <set>
#include <string>

#include "simcluster/object_store.hpp"
#include "simcluster/selector.hpp"

namespace meshlings::sim {

class ServiceMembers {
public:
    static constexpr std::size_t kMaxSliceEndpoints = 100;
    static constexpr std::size_t kMaxEndpointsAddresses = 1000;

    struct Slice {
        std::string name;            // empty until the controller names it
        std::set<std::string> pods;  // the pods whose endpoints it lists
        bool changed = true;
        ObjectPtr written;  // as last written
    };

    // Rebuilds the entries from every pod of `ns` when `selectorMap` (the
    // Service's spec.selector) is not the one they were built for.
    void track(const ObjectStore& store, const std::string& ns, const nlohmann::json& selectorMap);
    // The pod's current state (nullptr: gone).
    void update(const std::string& podName, const ObjectPtr& pod);
    // Marks everything to be written again when the Service object changed.
    void serviceIs(const ObjectPtr& service);

    // Endpoints addresses (ready, not ready) in name order, at most
    // kMaxEndpointsAddresses in all; returns whether some were left out.
    bool fillEndpoints(nlohmann::json& ready, nlohmann::json& notReady) const;
    bool endpointsUpToDate(const ObjectPtr& stored) const { return !m_endpointsChanged && stored == m_endpoints; }
    void endpointsWritten(ObjectPtr endpoints);

    std::map<int, Slice>& slices() { return m_slices; }
    nlohmann::json sliceEndpoints(const Slice& slice) const;  // in name order
    static bool sliceUpToDate(const Slice& slice, const ObjectPtr& stored) {
        return !slice.changed && stored == slice.written;
    }

private:
    struct Member {
        nlohmann::json address;  // null when terminating or finished (not listed in Endpoints)
        bool ready = false;
        nlohmann::json sliceEndpoint;
        int slice = 0;  // key in m_slices
    };

    void add(const std::string& podName, Member member);
    void drop(std::map<std::string, Member>::iterator it);

    nlohmann::json m_selectorMap;  // null until built
    Selector m_selector;
    std::map<std::string, Member> m_members;  // pod name
    std::map<int, Slice> m_slices;
    int m_nextSlice = 0;
    bool m_endpointsChanged = true;
    ObjectPtr m_service, m_endpoints;  // as last written
};

}  // namespace meshlings::sim
