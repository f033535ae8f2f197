#include "simcluster/disruption_controller.hpp"

#include <map>

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"
#include "simcluster/rollout_math.hpp"
#include "simcluster/selector.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

const ResourceType& budgetType() {
    return ResourceRegistry::byKind("PodDisruptionBudget");
}

// The owner reference marked controller, or null.
const Json* controllerRef(const Json& object) {
    for (const auto& owner : json_access::array(json_access::object(object, "metadata"), "ownerReferences")) {
        if (json_access::flag(owner, "controller")) return &owner;
    }
    return nullptr;
}

// component-helpers' UpdateDisruptionAllowedCondition: True/SufficientPods when an eviction may go ahead.
void setAllowedCondition(Json& status, const std::string& timestamp) {
    const bool allowed = json_access::integer(status, "disruptionsAllowed", 0) > 0;
    Json condition{{"type", "DisruptionAllowed"},
                   {"status", allowed ? "True" : "False"},
                   {"reason", allowed ? "SufficientPods" : "InsufficientPods"},
                   {"message", ""},
                   {"observedGeneration", json_access::integer(status, "observedGeneration", 0)},
                   {"lastTransitionTime", timestamp}};
    for (const auto& old : json_access::array(status, "conditions")) {
        if (json_access::text(old, "type") == "DisruptionAllowed" &&
            json_access::text(old, "status") == condition["status"]) {
            condition["lastTransitionTime"] = json_access::text(old, "lastTransitionTime", timestamp);
        }
    }
    status["conditions"] = Json::array({condition});
}

}  // namespace

bool DisruptionController::selects(const Json& budget, const Json& pod) {
    const Json& spec = json_access::object(budget, "spec");
    if (!spec.contains("selector") || !spec["selector"].is_object()) return false;
    return Selector::fromLabelSelector(spec["selector"]).matches(pod);
}

void DisruptionController::onEvent(const StoreEvent& event) {
    const std::string& kind = event.resource->kind;
    const std::string ns = json_access::text(json_access::object(*event.object, "metadata"), "namespace");
    if (kind == "PodDisruptionBudget") {
        if (event.type != EventType::Deleted) enqueue(ns);
    } else if (kind == "Pod" || kind == "Deployment" || kind == "ReplicaSet") {
        if (!m_context.store.list(budgetType(), ns).empty()) enqueue(ns);
    }
}

void DisruptionController::enqueue(const std::string& ns, Millis delay) {
    if (!m_queued.insert(ns).second) return;
    m_context.scheduler.at(m_context.now + delay, [this, ns] {
        m_queued.erase(ns);
        syncNamespace(ns);
    });
}

void DisruptionController::syncNamespace(const std::string& ns) {
    const auto budgets = m_context.store.list(budgetType(), ns);
    if (budgets.empty()) return;
    const auto pods = m_context.store.list(ResourceRegistry::pods(), ns);
    for (const auto& budget : budgets) sync(*budget, pods);
}

void DisruptionController::sync(const Json& budget, const std::vector<ObjectPtr>& all) {
    std::vector<ObjectPtr> pods;
    for (const auto& pod : all) {
        if (selects(budget, *pod)) pods.push_back(pod);
    }
    const Counts counts = expectedCounts(budget, pods);
    if (pods.empty()) m_events.record(budget, "Normal", "NoPods", "No matching pods found", "controllermanager");
    if (counts.unmanaged) {
        m_events.record(budget, "Warning", "UnmanagedPods",
                        "Pods selected by this PodDisruptionBudget (selector: " +
                            json_access::object(budget, "spec")["selector"].dump() +
                            ") were found to be unmanaged. As a result, the status of the PDB cannot be calculated "
                            "correctly, which may result in undefined behavior. To account for these pods please "
                            "set \".spec.minAvailable\" field of the PDB to an integer value.",
                        "controllermanager");
    }
    // buildDisruptedPodMap: an evicted pod stays out of currentHealthy until it is terminating or 2 minutes pass.
    const Json& old = json_access::object(budget, "status");
    const std::string expiredBefore = rfc3339(m_context.unixNow() - kDeletionTimeout);
    Json disrupted = Json::object();
    Millis recheck = -1;
    std::int64_t healthy = 0;
    for (const auto& pod : pods) {
        const std::string name = json_access::text((*pod)["metadata"], "name");
        if (pod_builder::isTerminating(*pod)) continue;
        const std::string since = json_access::text(json_access::object(old, "disruptedPods"), name.c_str());
        if (!since.empty() && since >= expiredBefore) {
            disrupted[name] = since;
            recheck = kDeletionTimeout;
            continue;
        }
        if (pod_builder::isReady(*pod)) ++healthy;
    }
    std::int64_t allowed = healthy - counts.desired;
    if (counts.expected <= 0 || allowed <= 0) allowed = 0;
    Json status{{"observedGeneration", json_access::integer(budget["metadata"], "generation", 1)},
                {"disruptionsAllowed", allowed},
                {"currentHealthy", healthy},
                {"desiredHealthy", counts.desired},
                {"expectedPods", counts.expected}};
    if (!disrupted.empty()) status["disruptedPods"] = disrupted;
    status["conditions"] = json_access::array(old, "conditions");
    setAllowedCondition(status, m_context.timestamp());
    if (recheck > 0) enqueue(json_access::text(budget["metadata"], "namespace"), recheck);
    if (status == old) return;
    Json updated = budget;
    updated["status"] = std::move(status);
    updated["metadata"].erase("resourceVersion");
    m_context.store.update(budgetType(), std::move(updated));
}

// getExpectedPodCount: maxUnavailable and a percent minAvailable count against the controllers' scale
// (rounding up), an integer minAvailable against the pods there are.
DisruptionController::Counts DisruptionController::expectedCounts(const Json& budget,
                                                                  const std::vector<ObjectPtr>& pods) const {
    const Json& spec = json_access::object(budget, "spec");
    Counts counts;
    const bool byScale =
        spec.contains("maxUnavailable") || (spec.contains("minAvailable") && spec["minAvailable"].is_string());
    if (!byScale) {
        counts.expected = static_cast<std::int64_t>(pods.size());
        counts.desired = json_access::integer(spec, "minAvailable", 0);
        return counts;
    }
    std::map<std::string, std::int64_t> scales;  // by controller uid
    for (const auto& pod : pods) {
        const Json* ref = controllerRef(*pod);
        if (ref == nullptr) {
            counts.unmanaged = true;
            continue;
        }
        std::string uid;
        const std::int64_t scale = controllerScale(json_access::text((*pod)["metadata"], "namespace"), *ref, uid);
        if (!uid.empty()) scales[uid] = scale;
    }
    for (const auto& [uid, scale] : scales) counts.expected += scale;
    if (spec.contains("maxUnavailable")) {
        const std::int64_t unavailable = rollout_math::scaledValue(spec["maxUnavailable"], counts.expected, true, 0);
        counts.desired = std::max<std::int64_t>(counts.expected - unavailable, 0);
    } else {
        counts.desired = rollout_math::scaledValue(spec["minAvailable"], counts.expected, true, 0);
    }
    return counts;
}

// The finders: a ReplicaSet's Deployment if it has one (its spec.replicas), else the ReplicaSet's own.
std::int64_t DisruptionController::controllerScale(const std::string& ns, const Json& ref, std::string& uid) const {
    if (json_access::text(ref, "kind") != "ReplicaSet") return 0;
    const auto replicaSet =
        m_context.store.get(ResourceRegistry::byKind("ReplicaSet"), ns, json_access::text(ref, "name"));
    if (!replicaSet || json_access::text((*replicaSet)["metadata"], "uid") != json_access::text(ref, "uid")) return 0;
    if (const Json* owner = controllerRef(*replicaSet);
        owner != nullptr && json_access::text(*owner, "kind") == "Deployment") {
        const auto deployment =
            m_context.store.get(ResourceRegistry::byKind("Deployment"), ns, json_access::text(*owner, "name"));
        if (deployment) {
            uid = json_access::text((*deployment)["metadata"], "uid");
            return rollout_math::replicas(*deployment);
        }
    }
    uid = json_access::text((*replicaSet)["metadata"], "uid");
    return rollout_math::replicas(*replicaSet);
}

}  // namespace meshlings::sim
