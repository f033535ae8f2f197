#pragma once
// The scheduler and the kubelets of the built-in cluster's nodes, as one
// model: binds Pending pods to nodes, starts their containers (Pending ->
// ContainerCreating -> Running -> Ready after the workload's start-up time),
// and runs graceful deletion (Terminating, the sidecar's drain, the final
// removal); each container's pulls and restarts are the ContainerRuntime's.
// Mirror pods of the control plane come back after deletion.
#include <optional>
#include <string>
#include <vector>

#include "simcluster/container_runtime.hpp"
#include "simcluster/event_recorder.hpp"
#include "simcluster/workload_profile.hpp"

namespace meshlings::sim {

struct NodeInfo {
    std::string name;
    std::string ip;
    std::string podPrefix;  // "10.244.1."
    int nextHost = 2;
    int pods = 0;
};

class Kubelet {
public:
    Kubelet(ClusterContext& context, EventRecorder& events);

    void addNode(NodeInfo node) { m_nodes.push_back(std::move(node)); }
    const std::vector<NodeInfo>& nodes() const { return m_nodes; }
    // The images the nodes can pull (the seed teaches them).
    ImageCatalog& images() { return m_runtime.images(); }

    // Store listener: picks up new Pending pods.
    void onEvent(const StoreEvent& event);

    // Puts a pod straight into Running and Ready on a node (cluster seeding).
    void adoptRunning(nlohmann::json& pod, const std::string& timestamp);

    // DELETE on a pod: graceful unless grace is 0 or the pod never ran.
    // Returns the pod as the API answers it (terminating, or its last state).
    ObjectPtr deletePod(const std::string& ns, const std::string& name, std::optional<std::int64_t> graceSeconds,
                        const std::string& uidPrecondition, bool dryRun);

    // A node whose kubelet is down (annotation meshlings.dev/kubelet: stopped): its pods stay as they are.
    bool nodeDown(const std::string& node) const;
    // The kubelet of a node is back: it posts Ready again, finishes the deletions it missed, and its
    // running pods are ready again.
    void nodeBack(const std::string& node);

private:
    using Mutation = void (Kubelet::*)(nlohmann::json&);
    void later(Millis delay, const nlohmann::json& pod, Mutation step);
    void bind(nlohmann::json& pod);
    void createContainers(nlohmann::json& pod);
    void startContainers(nlohmann::json& pod);
    void becomeReady(nlohmann::json& pod);
    void sidecarReady(nlohmann::json& pod);
    void stopContainers(nlohmann::json& pod);
    void finishDeletion(nlohmann::json& pod);
    void containerEvents(const nlohmann::json& pod, const char* reason, const std::string& verb);
    WorkloadProfile profileOf(const nlohmann::json& pod) const;
    NodeInfo& pickNode();
    // The least-loaded node that is not cordoned (spec.unschedulable), or null.
    NodeInfo* pickSchedulable();
    NodeInfo* nodeNamed(const std::string& name);
    void release(const nlohmann::json& pod);  // the pod leaves its node

    ClusterContext& m_context;
    EventRecorder& m_events;
    std::vector<NodeInfo> m_nodes;
    ContainerRuntime m_runtime;
};

}  // namespace meshlings::sim
