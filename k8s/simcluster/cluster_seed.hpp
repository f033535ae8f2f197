#pragma once
// What the built-in cluster holds at start: Bookinfo in `default` as the
// Istio sample's bookinfo.yaml deploys it (plus its gateway and `bookinfo`
// VirtualService, and no reviews VirtualService), Istio and its addons in
// istio-system, the usual system pods in kube-system, three nodes.
#include <string>

#include "simcluster/kubelet.hpp"
#include "simcluster/replica_controller.hpp"

namespace meshlings::sim {

struct SeedOptions {
    int extraPods = 0;       // pods of a filler Deployment in namespace `load` (for benchmarks)
    std::string ingressUrl;  // where the ingress listener is, shown on the gateway Service
};

class ClusterSeed {
public:
    ClusterSeed(ClusterContext& context, Kubelet& kubelet, ReplicaController& replicas)
        : m_context(context), m_kubelet(kubelet), m_replicas(replicas) {}

    void populate(const SeedOptions& options);

private:
    void addNodes();
    void addNamespace(const std::string& name, bool injection);
    void addService(const std::string& ns, const std::string& name, const nlohmann::json& labels,
                    const nlohmann::json& ports, const std::string& type = "ClusterIP");
    void addDeployment(const std::string& ns, const std::string& name, const nlohmann::json& labels,
                       const nlohmann::json& podSpec, int replicas, const nlohmann::json& podAnnotations = nullptr);
    void addBookinfo();
    void addIstio(const std::string& ingressUrl);
    void addKubeSystem();
    void addStaticPod(const std::string& component, const std::string& image);
    void create(const char* kind, nlohmann::json object);
    std::string nextClusterIP();

    ClusterContext& m_context;
    Kubelet& m_kubelet;
    ReplicaController& m_replicas;
    int m_nextServiceIP = 10;
};

}  // namespace meshlings::sim
