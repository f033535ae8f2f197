#include "simcluster/replica_controller.hpp"

#include <algorithm>

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"
#include "simcluster/rollout_math.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
const ResourceType& deploymentType() {
    return ResourceRegistry::byKind("Deployment");
}
const ResourceType& replicaSetType() {
    return ResourceRegistry::byKind("ReplicaSet");
}

}  // namespace

ReplicaController::ReplicaController(ClusterContext& context, EventRecorder& events, Kubelet& kubelet)
    : m_context(context),
      m_events(events),
      m_kubelet(kubelet),
      m_pods(context.store),
      m_deployments(
          context, events,
          [this](const std::string& ns, const std::string& name, Millis delay) {
              wakeAt(Kind::Deployment, ns, name, m_context.now + delay);
          },
          [this](const std::string& ns, const std::string& name) {
              if (m_seeding) syncReplicaSet(ns, name);
          }) {}

void ReplicaController::onEvent(const StoreEvent& event) {
    const Json& object = *event.object;
    const std::string ns = object["metadata"].value("namespace", "");
    if (event.resource == &deploymentType()) {
        if (event.type != EventType::Deleted) enqueue(Kind::Deployment, ns, object["metadata"]["name"]);
    } else if (event.resource == &replicaSetType()) {
        enqueue(Kind::ReplicaSet, ns, object["metadata"]["name"]);
        if (const auto owner = pod_builder::controllerName(object); !owner.empty())
            enqueue(Kind::Deployment, ns, owner);
    } else if (event.resource == &ResourceRegistry::pods()) {
        m_pods.onPodEvent(event);
        const auto owner = pod_builder::controllerName(object);
        if (owner.empty()) return;
        enqueue(Kind::ReplicaSet, ns, owner);
        // Recreate waits for the old pods to be gone, not only terminating.
        if (event.type != EventType::Deleted) return;
        if (const auto rs = m_context.store.get(replicaSetType(), ns, owner)) {
            if (const auto deployment = pod_builder::controllerName(*rs); !deployment.empty())
                enqueue(Kind::Deployment, ns, deployment);
        }
    }
}

void ReplicaController::enqueue(Kind kind, const std::string& ns, const std::string& name) {
    if (!m_queued.insert({kind, ns, name}).second) return;
    m_context.scheduler.at(m_context.now + 5, [this, kind, ns, name] {
        m_queued.erase({kind, ns, name});
        if (kind == Kind::Deployment)
            syncDeployment(ns, name);
        else
            syncReplicaSet(ns, name);
    });
}

void ReplicaController::wakeAt(Kind kind, const std::string& ns, const std::string& name, Millis when) {
    const Key key{kind, ns, name};
    const auto pending = m_wakeups.find(key);
    if (pending != m_wakeups.end() && pending->second <= when) return;
    m_wakeups[key] = when;
    m_context.scheduler.at(when, [this, key, when] {
        const auto it = m_wakeups.find(key);
        if (it == m_wakeups.end() || it->second != when) return;  // a sooner one took its place
        m_wakeups.erase(it);
        enqueue(std::get<0>(key), std::get<1>(key), std::get<2>(key));
    });
}

void ReplicaController::syncDeployment(const std::string& ns, const std::string& name) {
    m_deployments.sync(ns, name);
}

void ReplicaController::syncReplicaSet(const std::string& ns, const std::string& name) {
    const auto replicaSet = m_context.store.get(replicaSetType(), ns, name);
    if (!replicaSet || !(*replicaSet)["spec"].contains("template")) return;
    const std::string uid = json_access::text((*replicaSet)["metadata"], "uid");
    const std::size_t active = m_pods.counts(ns, uid).active;
    const auto desired = static_cast<std::size_t>(
        std::clamp<std::int64_t>(json_access::integer((*replicaSet)["spec"], "replicas", 1), 0, 1000000));
    // Like kube-controller-manager, create in bursts of at most 500 and come back for the rest.
    const std::size_t burst = m_seeding ? desired : 500;
    for (std::size_t i = active; i < desired && i < active + burst; ++i) createPod(*replicaSet);
    if (active + burst < desired) enqueue(Kind::ReplicaSet, ns, name);
    if (active > desired) {
        // Victims: not-ready pods first, then the newest.
        std::vector<ObjectPtr> victims;
        for (const auto& pod : m_pods.activePods(ns, uid))
            victims.push_back(m_context.store.get(ResourceRegistry::pods(), ns, pod));
        std::stable_sort(victims.begin(), victims.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
            if (pod_builder::isReady(*a) != pod_builder::isReady(*b)) return !pod_builder::isReady(*a);
            return (*a)["metadata"]["creationTimestamp"] > (*b)["metadata"]["creationTimestamp"];
        });
        for (std::size_t i = 0; i < active - desired; ++i) {
            const std::string pod = (*victims[i])["metadata"]["name"];
            m_kubelet.deletePod(ns, pod, std::nullopt, "", false);
            m_events.record(*replicaSet, "Normal", "SuccessfulDelete", "Deleted pod: " + pod, "replicaset-controller");
        }
    }
    const PodOwnerIndex::Counts after = m_pods.counts(ns, uid);
    Json updated = *m_context.store.get(replicaSetType(), ns, name);
    const auto ready = static_cast<std::int64_t>(after.ready);
    updated["status"] = {{"replicas", static_cast<std::int64_t>(after.active)},
                         {"fullyLabeledReplicas", static_cast<std::int64_t>(after.active)},
                         {"observedGeneration", updated["metadata"].value("generation", 1)}};
    const std::int64_t available = availablePods(ns, uid, rollout_math::minReadySeconds(updated), ready);
    if (ready > 0) updated["status"]["readyReplicas"] = ready;
    if (available > 0) updated["status"]["availableReplicas"] = available;
    if (available < ready) wakeAt(Kind::ReplicaSet, ns, name, m_context.now + 1000);
    m_context.store.update(replicaSetType(), updated);
}

void ReplicaController::createPod(const Json& replicaSet) {
    // generateName: draw again on the rare collision, as the API server's callers retry.
    const std::string prefix = replicaSet["metadata"]["name"].get<std::string>() + "-";
    std::string name = prefix + m_context.nameSuffix();
    while (m_context.store.get(ResourceRegistry::pods(), replicaSet["metadata"]["namespace"], name))
        name = prefix + m_context.nameSuffix();
    Json pod = pod_builder::fromReplicaSet(replicaSet, name, injectsSidecar(replicaSet["metadata"]["namespace"]));
    if (m_seeding) m_kubelet.adoptRunning(pod, m_context.timestamp());
    m_context.store.create(ResourceRegistry::pods(), pod, m_context.unixNow());
    if (!m_seeding) {
        m_events.record(replicaSet, "Normal", "SuccessfulCreate", "Created pod: " + name, "replicaset-controller");
    }
}

bool ReplicaController::injectsSidecar(const std::string& ns) const {
    const auto space = m_context.store.get(ResourceRegistry::byKind("Namespace"), "", ns);
    return space &&
           json_access::text(json_access::object((*space)["metadata"], "labels"), "istio-injection") == "enabled";
}

std::int64_t ReplicaController::availablePods(const std::string& ns, const std::string& uid,
                                              std::int64_t minReadySeconds, std::int64_t ready) {
    if (minReadySeconds == 0 || ready == 0) return ready;
    // Available: Ready for minReadySeconds (condition times have whole seconds).
    const std::string readySince = rfc3339(m_context.unixNow() - minReadySeconds * 1000);
    std::int64_t available = 0;
    for (const auto& name : m_pods.activePods(ns, uid)) {
        const auto pod = m_context.store.get(ResourceRegistry::pods(), ns, name);
        if (!pod || !pod_builder::isReady(*pod)) continue;
        for (const auto& c : json_access::array((*pod)["status"], "conditions")) {
            if (json_access::text(c, "type") == "Ready" && json_access::text(c, "lastTransitionTime") <= readySince)
                ++available;
        }
    }
    return available;
}

}  // namespace meshlings::sim
