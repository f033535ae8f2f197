#include "simcluster/node_lifecycle_controller.hpp"

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

namespace {

using Json = nlohmann::json;

const ResourceType& nodeType() {
    return ResourceRegistry::byKind("Node");
}

std::string readyStatus(const Json& node) {
    for (const auto& c : json_access::array(json_access::object(node, "status"), "conditions")) {
        if (json_access::text(c, "type") == "Ready") return json_access::text(c, "status", "Unknown");
    }
    return "True";  // a node without conditions is taken as ready (kubectl's printer does too)
}

bool isOurTaint(const Json& taint) {
    const std::string key = json_access::text(taint, "key");
    return key == "node.kubernetes.io/unreachable" || key == "node.kubernetes.io/not-ready";
}

std::vector<ObjectPtr> podsOn(ObjectStore& store, const std::string& node) {
    std::vector<ObjectPtr> pods;
    for (auto& pod : store.list(ResourceRegistry::pods(), "")) {
        if (json_access::text(json_access::object(*pod, "spec"), "nodeName") == node) pods.push_back(std::move(pod));
    }
    return pods;
}

}  // namespace

// The taint eviction controller's getMinTolerationTime for one taint: a matching
// toleration without tolerationSeconds tolerates it forever.
std::int64_t NodeLifecycleController::toleratedSeconds(const Json& pod, const Json& taint) {
    std::int64_t best = 0;
    for (const auto& t : json_access::array(json_access::object(pod, "spec"), "tolerations")) {
        const std::string effect = json_access::text(t, "effect");
        if (!effect.empty() && effect != json_access::text(taint, "effect")) continue;
        const std::string key = json_access::text(t, "key");
        const bool exists = json_access::text(t, "operator", "Equal") == "Exists";
        if (!key.empty() && key != json_access::text(taint, "key")) continue;
        if (key.empty() && !exists) continue;
        if (!exists && json_access::text(t, "value") != json_access::text(taint, "value")) continue;
        if (!t.contains("tolerationSeconds") || !t["tolerationSeconds"].is_number_integer()) return -1;
        best = std::max<std::int64_t>(best, std::max<std::int64_t>(t["tolerationSeconds"].get<std::int64_t>(), 0));
    }
    return best;
}

void NodeLifecycleController::onEvent(const StoreEvent& event) {
    if (event.resource != &nodeType()) return;
    const std::string name = json_access::text((*event.object)["metadata"], "name");
    if (event.type == EventType::Deleted) {
        m_context.scheduler.at(m_context.now + kPodGcQuarantine, [this, name] { collectOrphans(name); });
        return;
    }
    const Json node = *event.object;
    m_context.scheduler.at(m_context.now, [this, node] { nodeChanged(node); });
}

void NodeLifecycleController::nodeChanged(const Json& seen) {
    const std::string name = json_access::text(seen["metadata"], "name");
    const auto current = m_context.store.get(nodeType(), "", name);
    if (!current) return;
    const Json& node = *current;
    const bool stopped = m_kubelet.nodeDown(name);
    const std::string ready = readyStatus(node);
    if (stopped && ready == "True") {
        m_context.scheduler.at(m_context.now + kMonitorGracePeriod, [this, name] { markUnknown(name); });
    } else if (!stopped && ready == "Unknown") {
        m_kubelet.nodeBack(name);  // the kubelet posts its status again
        return;
    }
    syncTaints(node);
    scheduleEvictions(*m_context.store.get(nodeType(), "", name));
}

// tryUpdateNodeHealth: no status for the grace period: every condition Unknown, "Kubelet stopped posting node status."
void NodeLifecycleController::markUnknown(const std::string& name) {
    const auto current = m_context.store.get(nodeType(), "", name);
    if (!current || !m_kubelet.nodeDown(name) || readyStatus(*current) != "True") return;
    Json node = *current;
    for (auto& c : node["status"]["conditions"]) {
        c["status"] = "Unknown";
        c["reason"] = "NodeStatusUnknown";
        c["message"] = "Kubelet stopped posting node status.";
        c["lastTransitionTime"] = m_context.timestamp();
    }
    node["metadata"].erase("resourceVersion");
    const auto stored = m_context.store.update(nodeType(), std::move(node));
    m_events.record(*stored, "Normal", "NodeNotReady", "Node " + name + " status is now: NodeNotReady",
                    "node-controller");
    markPodsNotReady(name);
}

// MarkPodsNotReady: the pods of a node that stopped reporting are no longer Ready (endpoints drop them).
void NodeLifecycleController::markPodsNotReady(const std::string& node) {
    for (const auto& pod : podsOn(m_context.store, node)) {
        if (!pod_builder::isReady(*pod)) continue;
        Json updated = *pod;
        for (auto& c : updated["status"]["conditions"]) {
            if (json_access::text(c, "type") != "Ready") continue;
            c["status"] = "False";
            c["lastTransitionTime"] = m_context.timestamp();
        }
        updated["metadata"].erase("resourceVersion");
        const auto stored = m_context.store.update(ResourceRegistry::pods(), std::move(updated));
        m_events.record(*stored, "Warning", "NodeNotReady", "Node is not ready", "node-controller");
    }
}

// doNoExecuteTaintingPass / doNoScheduleTaintingPass: Unknown is unreachable, False is not-ready.
void NodeLifecycleController::syncTaints(const Json& node) {
    const std::string ready = readyStatus(node);
    const std::string key = ready == "Unknown" ? "node.kubernetes.io/unreachable"
                            : ready == "False" ? "node.kubernetes.io/not-ready"
                                               : "";
    Json taints = Json::array();
    bool changed = false;
    for (const auto& taint : json_access::array(json_access::object(node, "spec"), "taints")) {
        if (isOurTaint(taint) && json_access::text(taint, "key") != key) {
            changed = true;
            continue;
        }
        taints.push_back(taint);
    }
    if (!key.empty()) {
        for (const char* effect : {"NoSchedule", "NoExecute"}) {
            bool present = false;
            for (const auto& t : taints) present = present || (t["key"] == key && t.value("effect", "") == effect);
            if (present) continue;
            Json taint{{"key", key}, {"effect", effect}};
            if (std::string(effect) == "NoExecute") taint["timeAdded"] = m_context.timestamp();
            taints.push_back(taint);
            changed = true;
        }
    }
    if (!changed) return;
    Json updated = node;
    if (taints.empty())
        updated["spec"].erase("taints");
    else
        updated["spec"]["taints"] = taints;
    updated["metadata"].erase("resourceVersion");
    m_context.store.update(nodeType(), std::move(updated));
}

// The taint eviction controller: each pod goes when the shortest toleration of the node's NoExecute taints runs out.
void NodeLifecycleController::scheduleEvictions(const Json& node) {
    std::vector<Json> noExecute;
    for (const auto& taint : json_access::array(json_access::object(node, "spec"), "taints")) {
        if (json_access::text(taint, "effect") == "NoExecute") noExecute.push_back(taint);
    }
    if (noExecute.empty()) return;
    const std::string name = json_access::text(node["metadata"], "name");
    for (const auto& pod : podsOn(m_context.store, name)) {
        if (pod_builder::isTerminating(*pod)) continue;
        std::int64_t seconds = -1;
        Millis since = m_context.now;
        for (const auto& taint : noExecute) {
            const std::int64_t tolerated = toleratedSeconds(*pod, taint);
            if (tolerated < 0) continue;
            if (seconds < 0 || tolerated < seconds) seconds = tolerated;
        }
        if (seconds < 0) continue;
        const auto& meta = (*pod)["metadata"];
        const std::string ns = json_access::text(meta, "namespace");
        const std::string podName = json_access::text(meta, "name");
        const std::string uid = json_access::text(meta, "uid");
        m_context.scheduler.at(since + seconds * kSecond,
                               [this, ns, podName, uid, name] { evictIfStillTainted(ns, podName, uid, name); });
    }
}

void NodeLifecycleController::evictIfStillTainted(const std::string& ns, const std::string& name,
                                                  const std::string& uid, const std::string& nodeName) {
    const auto pod = m_context.store.get(ResourceRegistry::pods(), ns, name);
    const auto node = m_context.store.get(nodeType(), "", nodeName);
    if (!pod || !node || json_access::text((*pod)["metadata"], "uid") != uid || pod_builder::isTerminating(*pod))
        return;
    for (const auto& taint : json_access::array(json_access::object(*node, "spec"), "taints")) {
        if (json_access::text(taint, "effect") != "NoExecute" || toleratedSeconds(*pod, taint) < 0) continue;
        m_events.record(*pod, "Normal", "TaintManagerEviction", "Marking for deletion Pod " + ns + "/" + name,
                        "taint-eviction-controller");
        disruptAndDelete(*pod, "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint",
                         std::nullopt);
        return;
    }
}

// podgc's gcOrphaned: the node is still gone after the quarantine: its pods are failed and force-deleted.
void NodeLifecycleController::collectOrphans(const std::string& node) {
    if (m_context.store.get(nodeType(), "", node)) return;
    for (const auto& pod : podsOn(m_context.store, node)) {
        disruptAndDelete(*pod, "DeletionByPodGC", "PodGC: node no longer exists", 0);
    }
}

void NodeLifecycleController::disruptAndDelete(const Json& pod, const char* reason, const char* message,
                                               std::optional<std::int64_t> grace) {
    Json marked = pod;
    pod_builder::setDisruptionTarget(marked, reason, message, m_context.timestamp());
    marked["metadata"].erase("resourceVersion");
    m_context.store.update(ResourceRegistry::pods(), std::move(marked));
    m_kubelet.deletePod(json_access::text(pod["metadata"], "namespace"), json_access::text(pod["metadata"], "name"),
                        grace, "", false);
}

}  // namespace meshlings::sim
