#pragma once
// Which pods each owner (by uid) has in a namespace, and how many of them are
// active (not terminating, not Succeeded or Failed) and Ready: what the
// ReplicaSet controller counts on every sync, kept up to date from the
// store's pod events so that a sync need not scan the namespace's pods.
// Owned by ReplicaController, which feeds it every pod event; it reads the
// pod's current state from the store, so the order of listeners does not matter.
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "simcluster/object_store.hpp"

namespace meshlings::sim {

class PodOwnerIndex {
public:
    struct Counts {
        std::size_t active = 0;
        std::size_t ready = 0;  // active and Ready
    };

    explicit PodOwnerIndex(const ObjectStore& store) : m_store(store) {}

    void onPodEvent(const StoreEvent& event);

    Counts counts(const std::string& ns, const std::string& ownerUid) const;
    // The owner's active pods by name, in the store's list order.
    const std::set<std::string>& activePods(const std::string& ns, const std::string& ownerUid) const;

private:
    using Key = std::pair<std::string, std::string>;  // namespace and pod name, or namespace and owner uid
    // Of an active pod with owners (no others are kept).
    struct PodState {
        std::vector<std::string> owners;  // distinct uids of its ownerReferences
        bool ready = false;
    };
    struct Owned {
        std::set<std::string> active;  // pod names
        std::size_t ready = 0;
    };

    void forget(const std::string& ns, const std::string& name);
    void remember(const std::string& ns, const std::string& name, const nlohmann::json& pod);

    const ObjectStore& m_store;
    std::map<Key, PodState> m_pods;
    std::map<Key, Owned> m_owners;
};

}  // namespace meshlings::sim
