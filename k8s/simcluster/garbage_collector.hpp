#pragma once
// The garbage collector of the built-in cluster: when an owner is deleted,
// its dependents go too (background propagation): a Deployment's
// ReplicaSets, a ReplicaSet's pods (gracefully, through the kubelet).
#include "simcluster/kubelet.hpp"

namespace meshlings::sim {

class GarbageCollector {
public:
    GarbageCollector(ClusterContext& context, Kubelet& kubelet) : m_context(context), m_kubelet(kubelet) {}

    void onEvent(const StoreEvent& event);

private:
    void collect(const std::string& ns, const std::string& ownerUid, const ResourceType& dependents);

    ClusterContext& m_context;
    Kubelet& m_kubelet;
};

}  // namespace meshlings::sim
