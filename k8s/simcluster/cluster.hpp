#pragma once
// The built-in cluster's model: store, controllers, kubelet and mesh, wired
// together and driven by whoever owns it through advanceTo(). Deterministic:
// the same seed, the same times and the same calls give the same cluster.
// Not thread-safe by itself; the HTTP front holds mutex() around every use.
#include <memory>
#include <mutex>

#include "simcluster/cluster_context.hpp"
#include "simcluster/cluster_seed.hpp"
#include "simcluster/disruption_controller.hpp"
#include "simcluster/endpoints_controller.hpp"
#include "simcluster/event_recorder.hpp"
#include "simcluster/garbage_collector.hpp"
#include "simcluster/istio_metrics.hpp"
#include "simcluster/kubelet.hpp"
#include "simcluster/mesh.hpp"
#include "simcluster/node_lifecycle_controller.hpp"
#include "simcluster/replica_controller.hpp"

namespace meshlings::sim {

struct ClusterOptions {
    std::uint64_t seed = 1;
    std::int64_t epochUnixMillis = 1767225600000;  // 2026-01-01T00:00:00Z unless a real clock says otherwise
    SeedOptions contents;
    std::size_t watchHistory = 10000;  // changes kept for watches; older versions get 410 Expired
};

class Cluster {
public:
    explicit Cluster(const ClusterOptions& options);
    Cluster(const Cluster&) = delete;
    Cluster& operator=(const Cluster&) = delete;

    // Runs every piece of scheduled work due up to model time `t`.
    void advanceTo(Millis t);
    Millis now() const { return m_context.now; }

    ObjectStore& store() { return m_context.store; }
    ClusterContext& context() { return m_context; }
    Kubelet& kubelet() { return m_kubelet; }
    const Mesh& mesh() const { return m_mesh; }
    IstioMetrics& metrics() { return m_metrics; }
    std::mutex& mutex() { return m_mutex; }

    // One request through the ingress at the current model time.
    PageOutcome serveRequest(const RequestAttributes& request) { return m_mesh.serve(request, m_trafficRng); }

private:
    ClusterContext m_context;
    EventRecorder m_events;
    Kubelet m_kubelet;
    ReplicaController m_replicas;
    EndpointsController m_endpoints;
    GarbageCollector m_garbage;
    DisruptionController m_disruption;
    NodeLifecycleController m_nodes;
    IstioMetrics m_metrics;
    Mesh m_mesh;
    common::Rng m_trafficRng;
    std::mutex m_mutex;
};

}  // namespace meshlings::sim
