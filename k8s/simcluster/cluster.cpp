#include "simcluster/cluster.hpp"

namespace meshlings::sim {

Cluster::Cluster(const ClusterOptions& options)
    : m_context(options.seed, options.epochUnixMillis, options.watchHistory),
      m_events(m_context),
      m_kubelet(m_context, m_events),
      m_replicas(m_context, m_events, m_kubelet),
      m_endpoints(m_context),
      m_garbage(m_context, m_kubelet),
      m_disruption(m_context, m_events),
      m_nodes(m_context, m_events, m_kubelet),
      m_mesh(m_context, m_metrics),
      m_trafficRng(options.seed ^ 0x7AFF1C0FFEEULL) {
    auto& store = m_context.store;
    store.addListener([this](const StoreEvent& e) { m_kubelet.onEvent(e); });
    store.addListener([this](const StoreEvent& e) { m_replicas.onEvent(e); });
    store.addListener([this](const StoreEvent& e) { m_endpoints.onEvent(e); });
    store.addListener([this](const StoreEvent& e) { m_garbage.onEvent(e); });
    store.addListener([this](const StoreEvent& e) { m_disruption.onEvent(e); });
    store.addListener([this](const StoreEvent& e) { m_nodes.onEvent(e); });
    store.addListener([this](const StoreEvent& e) { m_mesh.onEvent(e); });
    ClusterSeed(m_context, m_kubelet, m_replicas).populate(options.contents);
    advanceTo(0);
    m_mesh.settle();
}

void Cluster::advanceTo(Millis t) {
    m_context.scheduler.runUntil(t, m_context.now);
}

}  // namespace meshlings::sim
