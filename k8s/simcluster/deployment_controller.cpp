#include "simcluster/deployment_controller.hpp"

#include <algorithm>

#include "simcluster/deployment_status.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/rollout_math.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;
const ResourceType& deploymentKind() {
    return ResourceRegistry::byKind("Deployment");
}
const ResourceType& replicaSetKind() {
    return ResourceRegistry::byKind("ReplicaSet");
}
const char* const kRevision = "deployment.kubernetes.io/revision";

std::int64_t specReplicas(const ObjectPtr& rs) {
    return rs ? rollout_math::replicas(*rs) : 0;
}
std::int64_t availableOf(const ObjectPtr& rs) {
    return rs ? json_access::integer(json_access::object(*rs, "status"), "availableReplicas", 0) : 0;
}
std::int64_t sumReplicas(const std::vector<ObjectPtr>& sets) {
    std::int64_t sum = 0;
    for (const auto& rs : sets) sum += specReplicas(rs);
    return sum;
}

void stripEmpty(Json& node) {
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end();) {
            stripEmpty(it.value());
            const bool empty = it->is_null() || ((it->is_object() || it->is_array()) && it->empty());
            it = empty ? node.erase(it) : std::next(it);
        }
    } else if (node.is_array()) {
        for (auto& item : node) stripEmpty(item);
    }
}

}  // namespace

DeploymentController::DeploymentController(ClusterContext& context, EventRecorder& events, Requeue requeue,
                                           Created created)
    : m_context(context), m_events(events), m_requeue(std::move(requeue)), m_created(std::move(created)) {}

std::string DeploymentController::templateHash(const Json& podTemplate) {
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

Json DeploymentController::comparableTemplate(const Json& podTemplate) {
    Json copy = podTemplate;
    if (copy.is_object() && copy.contains("metadata") && copy["metadata"].is_object() &&
        copy["metadata"].contains("labels") && copy["metadata"]["labels"].is_object()) {
        copy["metadata"]["labels"].erase("pod-template-hash");
    }
    stripEmpty(copy);
    return copy;
}

void DeploymentController::sync(const std::string& ns, const std::string& name) {
    const auto stored = m_context.store.get(deploymentKind(), ns, name);
    // The API server admits only Deployments with a selector and a template; stay safe anyway.
    if (!stored || !(*stored)["spec"].contains("template") || !(*stored)["spec"].contains("selector")) return;
    const Json& deployment = *stored;
    if (json_access::object(deployment, "metadata").contains("deletionTimestamp")) return;
    Sets old = replicaSetsOf(deployment);
    const bool paused = json_access::flag(deployment["spec"], "paused");
    const bool recreate = rollout_math::isRecreate(deployment);
    const bool existed = std::any_of(old.begin(), old.end(), [&](const ObjectPtr& rs) {
        return comparableTemplate((*rs)["spec"]["template"]) == comparableTemplate(deployment["spec"]["template"]);
    });
    // Recreate makes its new ReplicaSet only once the old pods are gone.
    const ObjectPtr fresh = newReplicaSet(deployment, old, !paused && !recreate);
    const bool created = fresh && !existed;
    if (paused)
        scalePaused(deployment, fresh, old);
    else if (recreate)
        rollRecreate(deployment, fresh, old);
    else if (!rollRolling(deployment, fresh, old))
        cleanup(deployment, old);
    writeStatus(*m_context.store.get(deploymentKind(), ns, name), fresh, created);
}

DeploymentController::Sets DeploymentController::replicaSetsOf(const Json& deployment) const {
    const std::string uid = json_access::text(deployment["metadata"], "uid");
    Sets owned;
    for (const auto& rs : m_context.store.list(replicaSetKind(), deployment["metadata"].value("namespace", ""))) {
        for (const auto& ref : json_access::array((*rs)["metadata"], "ownerReferences")) {
            if (json_access::text(ref, "uid") == uid && json_access::flag(ref, "controller")) owned.push_back(rs);
        }
    }
    std::stable_sort(owned.begin(), owned.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        return json_access::text((*a)["metadata"], "creationTimestamp") <
               json_access::text((*b)["metadata"], "creationTimestamp");
    });
    return owned;
}

ObjectPtr DeploymentController::newReplicaSet(const Json& deployment, Sets& old, bool create) {
    const Json wanted = comparableTemplate(deployment["spec"]["template"]);
    ObjectPtr fresh;
    std::int64_t maxOldRevision = 0;
    for (auto it = old.begin(); it != old.end();) {
        if (!fresh && comparableTemplate((*it)->at("spec").value("template", Json::object())) == wanted) {
            fresh = *it;
            it = old.erase(it);
        } else {
            maxOldRevision = std::max(maxOldRevision, rollout_math::revision(**it));
            ++it;
        }
    }
    const std::int64_t next = maxOldRevision + 1;
    if (!fresh) {
        if (!create) return nullptr;
        std::int64_t replicas = rollout_math::replicas(deployment);
        if (!rollout_math::isRecreate(deployment)) {
            // NewRSNewReplicas: as many as the surge leaves room for.
            const std::int64_t room = replicas + rollout_math::fenceposts(deployment).surge - sumReplicas(old);
            replicas = std::clamp<std::int64_t>(room, 0, replicas);
        }
        return createReplicaSet(deployment, replicas, next);
    }
    // A template seen before (an undo) becomes the newest revision again; minReadySeconds follows the Deployment.
    Json updated = *fresh;
    if (rollout_math::revision(*fresh) < next) updated["metadata"]["annotations"][kRevision] = std::to_string(next);
    const std::int64_t minReady = rollout_math::minReadySeconds(deployment);
    if (rollout_math::minReadySeconds(*fresh) != minReady) updated["spec"]["minReadySeconds"] = minReady;
    if (updated == *fresh) return fresh;
    return m_context.store.update(replicaSetKind(), updated);
}

ObjectPtr DeploymentController::createReplicaSet(const Json& deployment, std::int64_t replicas, std::int64_t revision) {
    const Json& meta = deployment["metadata"];
    const std::string hash = templateHash(deployment["spec"]["template"]);
    const std::string name = meta["name"].get<std::string>() + "-" + hash;
    const std::int64_t desired = rollout_math::replicas(deployment);
    Json tmpl = deployment["spec"]["template"];
    tmpl["metadata"]["labels"]["pod-template-hash"] = hash;
    Json selector = deployment["spec"]["selector"];
    selector["matchLabels"]["pod-template-hash"] = hash;
    Json spec{{"replicas", replicas}, {"selector", selector}, {"template", tmpl}};
    if (const std::int64_t minReady = rollout_math::minReadySeconds(deployment); minReady > 0)
        spec["minReadySeconds"] = minReady;
    Json rs{{"metadata",
             {{"name", name},
              {"namespace", meta["namespace"]},
              {"labels", tmpl["metadata"]["labels"]},
              {"annotations",
               {{"deployment.kubernetes.io/desired-replicas", std::to_string(desired)},
                {"deployment.kubernetes.io/max-replicas",
                 std::to_string(desired + rollout_math::fenceposts(deployment).surge)},
                {kRevision, std::to_string(revision)}}},
              {"ownerReferences",
               {{{"apiVersion", "apps/v1"},
                 {"kind", "Deployment"},
                 {"name", meta["name"]},
                 {"uid", meta["uid"]},
                 {"controller", true},
                 {"blockOwnerDeletion", true}}}}}},
            {"spec", spec},
            {"status", {{"replicas", 0}}}};
    // kubectl.kubernetes.io/last-applied-configuration and the like stay on the Deployment.
    for (const auto& [key, value] : json_access::object(meta, "annotations").items()) {
        if (key.rfind("kubectl.kubernetes.io/", 0) != 0 && key.rfind("deployment.kubernetes.io/", 0) != 0)
            rs["metadata"]["annotations"][key] = value;
    }
    const auto stored = m_context.store.create(replicaSetKind(), rs, m_context.unixNow());
    if (replicas > 0) {
        m_events.record(deployment, "Normal", "ScalingReplicaSet",
                        "Scaled up replica set " + name + " from 0 to " + std::to_string(replicas),
                        "deployment-controller");
    }
    m_created(meta["namespace"], name);
    return m_context.store.get(replicaSetKind(), meta["namespace"], name);
}

bool DeploymentController::rollRolling(const Json& deployment, const ObjectPtr& fresh, const Sets& old) {
    const std::int64_t desired = rollout_math::replicas(deployment);
    const auto [surge, unavailable] = rollout_math::fenceposts(deployment);
    // reconcileNewReplicaSet: up within the surge, or down to spec.replicas.
    const std::int64_t freshReplicas = specReplicas(fresh);
    if (freshReplicas > desired) return scale(deployment, *fresh, desired);
    if (freshReplicas < desired) {
        const std::int64_t room = desired + surge - sumReplicas(old) - freshReplicas;
        if (room > 0) return scale(deployment, *fresh, freshReplicas + std::min(room, desired - freshReplicas));
    }
    // reconcileOldReplicaSets: first the old pods that are not available, then as many as availability allows.
    if (sumReplicas(old) == 0) return false;
    const std::int64_t minAvailable = desired - rollout_math::maxUnavailable(deployment);
    const std::int64_t all = sumReplicas(old) + freshReplicas;
    const std::int64_t maxScaledDown = all - minAvailable - (freshReplicas - availableOf(fresh));
    if (maxScaledDown <= 0) return false;
    std::int64_t cleaned = 0;
    for (const auto& rs : old) {
        const std::int64_t unhealthy = specReplicas(rs) - availableOf(rs);
        if (cleaned >= maxScaledDown || unhealthy <= 0) continue;
        const std::int64_t down = std::min(maxScaledDown - cleaned, unhealthy);
        scale(deployment, *rs, specReplicas(rs) - down);
        cleaned += down;
    }
    if (cleaned > 0) return true;
    std::int64_t available = availableOf(fresh);
    for (const auto& rs : old) available += availableOf(rs);
    std::int64_t budget = available - minAvailable;
    bool scaled = false;
    for (const auto& rs : old) {
        if (budget <= 0) break;
        const std::int64_t down = std::min(specReplicas(rs), budget);
        if (down > 0) scaled = scale(deployment, *rs, specReplicas(rs) - down) || scaled;
        budget -= down;
    }
    return scaled;
}

bool DeploymentController::rollRecreate(const Json& deployment, ObjectPtr fresh, const Sets& old) {
    bool scaled = false;
    for (const auto& rs : old) scaled = scale(deployment, *rs, 0) || scaled;
    if (scaled || oldPodsRunning(deployment, old)) return true;
    if (!fresh) {
        Sets all = old;
        std::int64_t maxRevision = 0;
        for (const auto& rs : all) maxRevision = std::max(maxRevision, rollout_math::revision(*rs));
        createReplicaSet(deployment, rollout_math::replicas(deployment), maxRevision + 1);
        return true;
    }
    if (scale(deployment, *fresh, rollout_math::replicas(deployment))) return true;
    cleanup(deployment, old);
    return false;
}

bool DeploymentController::scalePaused(const Json& deployment, const ObjectPtr& fresh, const Sets& old) {
    // A paused Deployment still follows spec.replicas, on the one ReplicaSet that has pods.
    std::vector<ObjectPtr> active;
    for (const auto& rs : old)
        if (specReplicas(rs) > 0) active.push_back(rs);
    if (fresh && (specReplicas(fresh) > 0 || active.empty())) active.push_back(fresh);
    if (active.size() != 1) return false;
    return scale(deployment, *active.front(), rollout_math::replicas(deployment));
}

bool DeploymentController::scale(const Json& deployment, const Json& replicaSet, std::int64_t replicas) {
    const std::int64_t old = rollout_math::replicas(replicaSet);
    const std::int64_t desired = rollout_math::replicas(deployment);
    Json scaled = replicaSet;
    scaled["spec"]["replicas"] = replicas;
    scaled["metadata"]["annotations"]["deployment.kubernetes.io/desired-replicas"] = std::to_string(desired);
    scaled["metadata"]["annotations"]["deployment.kubernetes.io/max-replicas"] =
        std::to_string(desired + rollout_math::fenceposts(deployment).surge);
    if (scaled == replicaSet) return false;
    m_context.store.update(replicaSetKind(), scaled);
    if (old == replicas) return false;
    const std::string rsName = replicaSet["metadata"]["name"];
    m_events.record(deployment, "Normal", "ScalingReplicaSet",
                    std::string(replicas > old ? "Scaled up" : "Scaled down") + " replica set " + rsName + " from " +
                        std::to_string(old) + " to " + std::to_string(replicas),
                    "deployment-controller");
    return true;
}

bool DeploymentController::oldPodsRunning(const Json& deployment, const Sets& old) const {
    std::vector<std::string> uids;
    for (const auto& rs : old) {
        if (json_access::integer((*rs)["status"], "replicas", 0) > 0) return true;
        uids.push_back(json_access::text((*rs)["metadata"], "uid"));
    }
    // Terminating pods still run until their containers stop.
    for (const auto& pod : m_context.store.list(ResourceRegistry::pods(), deployment["metadata"]["namespace"])) {
        const std::string phase = json_access::text((*pod)["status"], "phase");
        if (phase == "Succeeded" || phase == "Failed") continue;
        for (const auto& ref : json_access::array((*pod)["metadata"], "ownerReferences")) {
            if (std::find(uids.begin(), uids.end(), json_access::text(ref, "uid")) != uids.end()) return true;
        }
    }
    return false;
}

void DeploymentController::cleanup(const Json& deployment, const Sets& old) {
    // revisionHistoryLimit: the oldest revisions scaled to nothing go first.
    Sets idle;
    for (const auto& rs : old) {
        if (specReplicas(rs) == 0 && json_access::integer((*rs)["status"], "replicas", 0) == 0) idle.push_back(rs);
    }
    const auto limit = static_cast<std::size_t>(rollout_math::revisionHistoryLimit(deployment));
    if (idle.size() <= limit) return;
    std::stable_sort(idle.begin(), idle.end(), [](const ObjectPtr& a, const ObjectPtr& b) {
        return rollout_math::revision(*a) < rollout_math::revision(*b);
    });
    for (std::size_t i = 0; i < idle.size() - limit; ++i)
        m_context.store.remove(replicaSetKind(), (*idle[i])["metadata"]["namespace"], (*idle[i])["metadata"]["name"]);
}

void DeploymentController::writeStatus(const Json& deployment, const ObjectPtr& fresh, bool created) {
    const Sets all = replicaSetsOf(deployment);
    ObjectPtr current;
    if (fresh) {
        current =
            m_context.store.get(replicaSetKind(), (*fresh)["metadata"]["namespace"], (*fresh)["metadata"]["name"]);
    }
    Json updated = deployment;
    if (current) updated["metadata"]["annotations"][kRevision] = std::to_string(rollout_math::revision(*current));
    const DeploymentStatus status(deployment, all, current, m_context.timestamp());
    updated["status"] = status.compute(created);
    if (updated != deployment) m_context.store.update(deploymentKind(), updated);
    // Come back when the deadline would pass without progress.
    if (const auto wake = status.deadlineIn(m_context.unixNow()); wake > 0)
        m_requeue(deployment["metadata"]["namespace"], deployment["metadata"]["name"], wake);
}

}  // namespace meshlings::sim
