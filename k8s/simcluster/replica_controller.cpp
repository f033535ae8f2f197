#include "simcluster/replica_controller.hpp"

#include <algorithm>

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
const ResourceType& deploymentType() {
    return ResourceRegistry::byKind("Deployment");
}
const ResourceType& replicaSetType() {
    return ResourceRegistry::byKind("ReplicaSet");
}

bool ownedBy(const Json& object, const Json& owner) {
    const std::string uid = json_access::text(owner["metadata"], "uid");
    for (const auto& ref : json_access::array(object["metadata"], "ownerReferences")) {
        if (json_access::text(ref, "uid") == uid) return true;
    }
    return false;
}

}  // namespace

ReplicaController::ReplicaController(ClusterContext& context, EventRecorder& events, Kubelet& kubelet)
    : m_context(context), m_events(events), m_kubelet(kubelet), m_pods(context.store) {}

std::string ReplicaController::templateHash(const Json& podTemplate) {
    std::uint32_t hash = 2166136261U;
    for (unsigned char c : podTemplate.dump()) {
        hash ^= c;
        hash *= 16777619U;
    }
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string encoded = std::to_string(hash);
    for (char& c : encoded) c = kAlphabet[static_cast<unsigned char>(c) % (sizeof kAlphabet - 1)];
    return encoded;
}

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
        if (const auto owner = pod_builder::controllerName(object); !owner.empty())
            enqueue(Kind::ReplicaSet, ns, owner);
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

void ReplicaController::syncDeployment(const std::string& ns, const std::string& name) {
    const auto deployment = m_context.store.get(deploymentType(), ns, name);
    // The API server admits only Deployments with a selector and a template; stay safe anyway.
    if (!deployment || !(*deployment)["spec"].contains("template") || !(*deployment)["spec"].contains("selector"))
        return;
    const std::string hash = templateHash((*deployment)["spec"]["template"]);
    const std::string current = name + "-" + hash;
    const std::int64_t replicas = (*deployment)["spec"].value("replicas", 1);
    bool found = false;
    for (const auto& rs : m_context.store.list(replicaSetType(), ns)) {
        if (!ownedBy(*rs, *deployment)) continue;
        const bool isCurrent = (*rs)["metadata"]["name"] == current;
        found = found || isCurrent;
        scaleReplicaSet(*deployment, *rs, isCurrent ? replicas : 0);
    }
    if (!found) createReplicaSet(*deployment, hash);
    updateDeploymentStatus(*m_context.store.get(deploymentType(), ns, name), hash);
}

void ReplicaController::scaleReplicaSet(const Json& deployment, const Json& replicaSet, std::int64_t replicas) {
    const std::int64_t old = replicaSet["spec"].value("replicas", 1);
    if (old == replicas) return;
    Json scaled = replicaSet;
    scaled["spec"]["replicas"] = replicas;
    scaled["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] = std::to_string(replicas);
    m_context.store.update(replicaSetType(), scaled);
    const std::string rsName = replicaSet["metadata"]["name"];
    m_events.record(deployment, "Normal", "ScalingReplicaSet",
                    std::string(replicas > old ? "Scaled up" : "Scaled down") + " replica set " + rsName + " to " +
                        std::to_string(replicas) + " from " + std::to_string(old),
                    "deployment-controller");
}

void ReplicaController::createReplicaSet(const Json& deployment, const std::string& hash) {
    const Json& meta = deployment["metadata"];
    const std::string name = meta["name"].get<std::string>() + "-" + hash;
    const std::int64_t replicas = deployment["spec"].value("replicas", 1);
    Json tmpl = deployment["spec"]["template"];
    tmpl["metadata"]["labels"]["pod-template-hash"] = hash;
    Json selector = deployment["spec"]["selector"];
    selector["matchLabels"]["pod-template-hash"] = hash;
    Json rs{{"metadata",
             {{"name", name},
              {"namespace", meta["namespace"]},
              {"labels", tmpl["metadata"]["labels"]},
              {"annotations",
               {{"deployment.kubernetes.io/desired-replicas", std::to_string(replicas)},
                {"deployment.kubernetes.io/max-replicas", std::to_string(replicas + 1)},
                {"deployment.kubernetes.io/revision", "1"}}},
              {"ownerReferences",
               {{{"apiVersion", "apps/v1"},
                 {"kind", "Deployment"},
                 {"name", meta["name"]},
                 {"uid", meta["uid"]},
                 {"controller", true},
                 {"blockOwnerDeletion", true}}}}}},
            {"spec", {{"replicas", replicas}, {"selector", selector}, {"template", tmpl}}},
            {"status", {{"replicas", 0}}}};
    m_context.store.create(replicaSetType(), rs, m_context.unixNow());
    m_events.record(deployment, "Normal", "ScalingReplicaSet",
                    "Scaled up replica set " + name + " to " + std::to_string(replicas) + " from 0",
                    "deployment-controller");
    if (m_seeding) syncReplicaSet(meta["namespace"], name);
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
    if (ready > 0) {
        updated["status"]["readyReplicas"] = ready;
        updated["status"]["availableReplicas"] = ready;
    }
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

void ReplicaController::updateDeploymentStatus(const Json& deployment, const std::string& hash) {
    const std::string ns = deployment["metadata"]["namespace"];
    const std::string current = deployment["metadata"]["name"].get<std::string>() + "-" + hash;
    std::int64_t replicas = 0, ready = 0, updatedReplicas = 0;
    for (const auto& rs : m_context.store.list(replicaSetType(), ns)) {
        if (!ownedBy(*rs, deployment)) continue;
        const auto& status = (*rs)["status"];
        replicas += status.value("replicas", 0);
        ready += status.value("readyReplicas", 0);
        if ((*rs)["metadata"]["name"] == current) updatedReplicas = status.value("replicas", 0);
    }
    const std::int64_t desired = deployment["spec"].value("replicas", 1);
    const bool available = ready >= desired - desired / 4;  // maxUnavailable 25 %
    Json updated = deployment;
    const std::string now = m_context.timestamp();
    auto conditionTime = [&](const char* type, const char* status) {
        for (const auto& c : json_access::array(deployment["status"], "conditions")) {
            const std::string since = json_access::text(c, "lastTransitionTime");
            if (json_access::text(c, "type") == type && json_access::text(c, "status") == status && !since.empty())
                return since;
        }
        return now;
    };
    const char* availableStatus = available ? "True" : "False";
    Json conditions = Json::array({{{"type", "Available"},
                                    {"status", availableStatus},
                                    {"reason", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable"},
                                    {"message", available ? "Deployment has minimum availability."
                                                          : "Deployment does not have minimum availability."},
                                    {"lastUpdateTime", conditionTime("Available", availableStatus)},
                                    {"lastTransitionTime", conditionTime("Available", availableStatus)}},
                                   {{"type", "Progressing"},
                                    {"status", "True"},
                                    {"reason", "NewReplicaSetAvailable"},
                                    {"message", "ReplicaSet \"" + current + "\" has successfully progressed."},
                                    {"lastUpdateTime", conditionTime("Progressing", "True")},
                                    {"lastTransitionTime", conditionTime("Progressing", "True")}}});
    updated["status"] = {{"observedGeneration", deployment["metadata"].value("generation", 1)},
                         {"replicas", replicas},
                         {"updatedReplicas", updatedReplicas},
                         {"readyReplicas", ready},
                         {"availableReplicas", ready},
                         {"conditions", conditions}};
    if (replicas > ready) updated["status"]["unavailableReplicas"] = replicas - ready;
    if (ready == 0) {
        updated["status"].erase("readyReplicas");
        updated["status"].erase("availableReplicas");
    }
    m_context.store.update(deploymentType(), updated);
}

}  // namespace meshlings::sim
