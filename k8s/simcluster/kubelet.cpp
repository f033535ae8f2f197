#include "simcluster/kubelet.hpp"

#include <algorithm>

#include "simcluster/api_error.hpp"
#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"
#include "simcluster/selector.hpp"

namespace meshlings::sim {

namespace {

constexpr Millis kSidecarDrain = 5000;  // Istio terminationDrainDuration
bool hasSidecar(const nlohmann::json& pod) {
    for (const auto& c : pod["spec"]["containers"]) {
        if (c["name"] == "istio-proxy") return pod["spec"]["containers"].size() > 1;
    }
    return false;
}

}  // namespace

Kubelet::Kubelet(ClusterContext& context, EventRecorder& events)
    : m_context(context),
      m_events(events),
      m_runtime(context, events, [this](const nlohmann::json& pod) { return profileOf(pod); }) {}

void Kubelet::onEvent(const StoreEvent& event) {
    if (event.resource != &ResourceRegistry::pods()) return;
    if (event.type == EventType::Deleted)
        m_context.appAnswersAt.erase(json_access::text((*event.object)["metadata"], "uid"));
    if (event.type != EventType::Added) return;
    const auto& pod = *event.object;
    if (pod_builder::isTerminating(pod) || json_access::text(pod["status"], "phase", "Pending") != "Pending") return;
    if (!json_access::text(pod["spec"], "nodeName").empty()) {
        // Bound already (a pod created with spec.nodeName): its kubelet starts it.
        if (NodeInfo* node = nodeNamed(pod["spec"]["nodeName"])) ++node->pods;
        later(150 + static_cast<Millis>(m_context.rng.below(250)), pod, &Kubelet::createContainers);
        return;
    }
    later(50 + static_cast<Millis>(m_context.rng.below(200)), pod, &Kubelet::bind);
}

void Kubelet::later(Millis delay, const nlohmann::json& pod, Mutation step) {
    const std::string ns = pod["metadata"].value("namespace", "");
    const std::string name = pod["metadata"]["name"];
    const std::string uid = pod["metadata"]["uid"];
    m_context.scheduler.at(m_context.now + delay, [this, ns, name, uid, step] {
        const auto current = m_context.store.get(ResourceRegistry::pods(), ns, name);
        if (!current || (*current)["metadata"]["uid"] != uid) return;  // gone or replaced
        if (nodeDown(json_access::text(json_access::object(*current, "spec"), "nodeName"))) return;
        nlohmann::json copy = *current;
        (this->*step)(copy);
    });
}

NodeInfo& Kubelet::pickNode() {
    // Least-loaded worker; ties broken by the seeded stream.
    std::vector<NodeInfo*> best;
    for (auto& node : m_nodes) {
        if (best.empty() || node.pods < best.front()->pods)
            best = {&node};
        else if (node.pods == best.front()->pods)
            best.push_back(&node);
    }
    return *best[m_context.rng.below(best.size())];
}

NodeInfo* Kubelet::pickSchedulable() {
    std::vector<NodeInfo*> best;
    for (auto& node : m_nodes) {
        const auto object = m_context.store.get(ResourceRegistry::byKind("Node"), "", node.name);
        if (!object || json_access::flag(json_access::object(*object, "spec"), "unschedulable")) continue;
        // The scheduler's TaintToleration filter: the pods here tolerate no NoSchedule or NoExecute taint.
        bool tainted = false;
        for (const auto& taint : json_access::array(json_access::object(*object, "spec"), "taints")) {
            const std::string effect = json_access::text(taint, "effect");
            tainted = tainted || effect == "NoSchedule" || effect == "NoExecute";
        }
        if (tainted) continue;
        if (best.empty() || node.pods < best.front()->pods)
            best = {&node};
        else if (node.pods == best.front()->pods)
            best.push_back(&node);
    }
    if (best.empty()) return nullptr;
    return best[m_context.rng.below(best.size())];
}

bool Kubelet::nodeDown(const std::string& node) const {
    if (node.empty()) return false;
    const auto object = m_context.store.get(ResourceRegistry::byKind("Node"), "", node);
    if (!object) return false;
    const auto& annotations = json_access::object(json_access::object(*object, "metadata"), "annotations");
    return json_access::text(annotations, "meshlings.dev/kubelet") == "stopped";
}

void Kubelet::nodeBack(const std::string& name) {
    const auto& nodeType = ResourceRegistry::byKind("Node");
    if (const auto object = m_context.store.get(nodeType, "", name)) {
        nlohmann::json node = *object;
        for (auto& c : node["status"]["conditions"]) {
            const bool ready = c.value("type", "") == "Ready";
            c["status"] = ready ? "True" : "False";
            c["lastHeartbeatTime"] = m_context.timestamp();
            c["lastTransitionTime"] = m_context.timestamp();
            if (ready) {
                c["reason"] = "KubeletReady";
                c["message"] = "kubelet is posting ready status";
            }
        }
        node["metadata"].erase("resourceVersion");
        m_context.store.update(nodeType, std::move(node));
    }
    for (const auto& pod : m_context.store.list(ResourceRegistry::pods(), "")) {
        if (json_access::text(json_access::object(*pod, "spec"), "nodeName") != name) continue;
        if (pod_builder::isTerminating(*pod)) {
            later(100, *pod, &Kubelet::stopContainers);
        } else if (json_access::text((*pod)["status"], "phase") == "Running" && !pod_builder::isReady(*pod)) {
            later(100, *pod, &Kubelet::becomeReady);
        }
    }
}

void Kubelet::release(const nlohmann::json& pod) {
    NodeInfo* node = nodeNamed(json_access::text(pod["spec"], "nodeName"));
    if (node != nullptr && node->pods > 0) --node->pods;
}

NodeInfo* Kubelet::nodeNamed(const std::string& name) {
    for (auto& node : m_nodes) {
        if (node.name == name) return &node;
    }
    return nullptr;
}

void Kubelet::adoptRunning(nlohmann::json& pod, const std::string& timestamp) {
    NodeInfo* named = nodeNamed(json_access::text(pod["spec"], "nodeName"));
    NodeInfo& node = named != nullptr ? *named : pickNode();
    ++node.pods;
    pod_builder::setScheduled(pod, node.name, timestamp);
    pod_builder::setContainerCreating(pod, node.ip, timestamp);
    const bool hostNetwork = pod["spec"].value("hostNetwork", false);
    pod_builder::setRunning(pod, hostNetwork ? node.ip : node.podPrefix + std::to_string(node.nextHost++), timestamp);
    pod_builder::setReady(pod, true, timestamp);
}

void Kubelet::bind(nlohmann::json& pod) {
    NodeInfo* schedulable = pickSchedulable();
    if (schedulable == nullptr) {
        // Every node is cordoned: the scheduler reports it and tries again (it retries on node changes too).
        const std::string count = std::to_string(m_nodes.size());
        m_events.record(pod, "Warning", "FailedScheduling",
                        "0/" + count + " nodes are available: " + count +
                            " node(s) were unschedulable. preemption: 0/" + count + " nodes are available: " + count +
                            " Preemption is not helpful for scheduling.",
                        "default-scheduler");
        later(5000, pod, &Kubelet::bind);
        return;
    }
    NodeInfo& node = *schedulable;
    ++node.pods;
    pod_builder::setScheduled(pod, node.name, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    const std::string& ns = pod["metadata"]["namespace"];
    m_events.record(
        *stored, "Normal", "Scheduled",
        "Successfully assigned " + ns + "/" + pod["metadata"]["name"].get<std::string>() + " to " + node.name,
        "default-scheduler");
    later(150 + static_cast<Millis>(m_context.rng.below(250)), *stored, &Kubelet::createContainers);
}

void Kubelet::createContainers(nlohmann::json& pod) {
    if (pod_builder::isTerminating(pod)) return;
    const NodeInfo* node = nodeNamed(json_access::text(pod["spec"], "nodeName"));
    if (node == nullptr) return;  // bound to a node this cluster does not have: stays Pending
    pod_builder::setContainerCreating(pod, node->ip, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    later(800 + static_cast<Millis>(m_context.rng.below(800)), *stored, &Kubelet::startContainers);
}

void Kubelet::startContainers(nlohmann::json& pod) {
    if (pod_builder::isTerminating(pod)) return;
    NodeInfo* node = nodeNamed(json_access::text(pod["spec"], "nodeName"));
    if (node == nullptr) return;
    pod_builder::setRunning(pod, node->podPrefix + std::to_string(node->nextHost++), m_context.timestamp());
    const WorkloadProfile profile = profileOf(pod);
    const std::vector<std::string> failedPulls = m_runtime.failPulls(pod, profile);
    // A container without a readinessProbe is ready once it runs, whether its app answers yet or not.
    pod_builder::setProbelessReady(pod, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    for (const auto& c : pod["spec"]["containers"]) {
        const std::string name = c["name"];
        if (std::find(failedPulls.begin(), failedPulls.end(), name) != failedPulls.end()) continue;
        const std::string field = "spec.containers{" + name + "}";
        m_events.record(*stored, "Normal", "Pulled",
                        "Container image \"" + c["image"].get<std::string>() + "\" already present on machine",
                        "kubelet", field);
        m_events.record(*stored, "Normal", "Created", "Created container " + name, "kubelet", field);
        m_events.record(*stored, "Normal", "Started", "Started container " + name, "kubelet", field);
    }
    m_runtime.started(*stored, failedPulls, profile);
    // The sidecar passes its readiness probe within a second or two; the app when it has started.
    if (hasSidecar(pod)) later(1000 + static_cast<Millis>(m_context.rng.below(800)), *stored, &Kubelet::sidecarReady);
    const Millis startup = profile.startup;
    const Millis jittered = static_cast<Millis>(static_cast<double>(startup) * (0.8 + 0.4 * m_context.rng.unit()));
    m_context.appAnswersAt[pod["metadata"]["uid"]] = m_context.now + std::max<Millis>(jittered, 100);
    later(std::max<Millis>(jittered, 100), *stored, &Kubelet::becomeReady);
}

void Kubelet::becomeReady(nlohmann::json& pod) {
    if (pod_builder::isTerminating(pod)) return;
    pod_builder::setContainersReady(pod, false, m_context.timestamp());
    m_context.store.update(ResourceRegistry::pods(), pod);
}

void Kubelet::sidecarReady(nlohmann::json& pod) {
    if (pod_builder::isTerminating(pod)) return;
    pod_builder::setContainersReady(pod, true, m_context.timestamp());
    m_context.store.update(ResourceRegistry::pods(), pod);
}

ObjectPtr Kubelet::deletePod(const std::string& ns, const std::string& name, std::optional<std::int64_t> graceSeconds,
                             const std::string& uidPrecondition, bool dryRun) {
    const auto current = m_context.store.get(ResourceRegistry::pods(), ns, name);
    if (!current) throw ApiError::notFound("pods", name);
    if (!uidPrecondition.empty() && (*current)["metadata"]["uid"] != uidPrecondition) {
        throw ApiError(409, "Conflict",
                       "Precondition failed: UID in precondition: " + uidPrecondition +
                           ", UID in object meta: " + (*current)["metadata"]["uid"].get<std::string>());
    }
    nlohmann::json pod = *current;
    std::int64_t grace = graceSeconds.value_or(pod["spec"].value("terminationGracePeriodSeconds", 30));
    if (grace < 0) grace = 1;
    grace = std::min<std::int64_t>(grace, 3600LL * 24 * 365);  // keeps grace * 1000 in range
    const std::string phase = pod["status"].value("phase", "");
    if (!pod["spec"].contains("nodeName") || phase == "Succeeded" || phase == "Failed") grace = 0;
    if (pod_builder::isTerminating(pod)) {
        grace = std::min<std::int64_t>(grace, pod["metadata"].value("deletionGracePeriodSeconds", 30));
    }
    if (dryRun) {
        if (grace == 0) return current;
        pod["metadata"]["deletionTimestamp"] = rfc3339(m_context.unixNow() + grace * 1000);
        pod["metadata"]["deletionGracePeriodSeconds"] = grace;
        return std::make_shared<const nlohmann::json>(std::move(pod));
    }
    if (grace == 0) {
        release(pod);
        return m_context.store.remove(ResourceRegistry::pods(), ns, name);
    }
    const bool wasTerminating = pod_builder::isTerminating(pod);
    pod["metadata"]["deletionTimestamp"] = rfc3339(m_context.unixNow() + grace * 1000);
    pod["metadata"]["deletionGracePeriodSeconds"] = grace;
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    if (!wasTerminating) containerEvents(*stored, "Killing", "Stopping container ");
    const Millis exitTime =
        hasSidecar(pod) ? kSidecarDrain + static_cast<Millis>(m_context.rng.below(400)) : profileOf(pod).shutdown;
    later(std::min(exitTime, grace * 1000), *stored, &Kubelet::stopContainers);
    return stored;
}

void Kubelet::stopContainers(nlohmann::json& pod) {
    if (pod["status"].value("phase", "") == "Succeeded" || pod["status"].value("phase", "") == "Failed") return;
    const std::int64_t grace = pod["metadata"].value("deletionGracePeriodSeconds", 30);
    // With a grace shorter than the sidecar's drain, the kubelet kills it (exit 137).
    const bool killed = hasSidecar(pod) && grace * 1000 < kSidecarDrain;
    pod_builder::setTerminated(pod, killed ? 137 : 0, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    later(100 + static_cast<Millis>(m_context.rng.below(100)), *stored, &Kubelet::finishDeletion);
}

void Kubelet::finishDeletion(nlohmann::json& pod) {
    release(pod);
    const std::string ns = pod["metadata"]["namespace"];
    const std::string name = pod["metadata"]["name"];
    m_context.store.remove(ResourceRegistry::pods(), ns, name);
    // A mirror pod of a static control-plane pod is recreated by its kubelet.
    const auto owners = pod["metadata"].value("ownerReferences", nlohmann::json::array());
    if (!owners.empty() && owners[0].value("kind", "") == "Node") {
        nlohmann::json fresh{{"metadata", {{"name", name}, {"namespace", ns}}}, {"spec", pod["spec"]}};
        for (const char* field : {"labels", "annotations", "ownerReferences"}) {
            if (pod["metadata"].contains(field)) fresh["metadata"][field] = pod["metadata"][field];
        }
        m_context.scheduler.at(m_context.now + 1000, [this, fresh]() mutable {
            adoptRunning(fresh, m_context.timestamp());
            m_context.store.create(ResourceRegistry::pods(), fresh, m_context.unixNow());
        });
    }
}

void Kubelet::containerEvents(const nlohmann::json& pod, const char* reason, const std::string& verb) {
    for (const auto& c : pod["spec"]["containers"]) {
        const std::string container = c["name"];
        m_events.record(pod, "Normal", reason, verb + container, "kubelet", "spec.containers{" + container + "}");
    }
}

WorkloadProfile Kubelet::profileOf(const nlohmann::json& pod) const {
    const std::string ns = pod["metadata"].value("namespace", "");
    for (const auto& deployment : m_context.store.list(ResourceRegistry::byKind("Deployment"), ns)) {
        const auto selector = Selector::fromLabelMap((*deployment)["spec"].value("selector", nlohmann::json::object()));
        if (selector.empty() || !selector.matches(pod)) continue;
        WorkloadProfile profile = WorkloadProfile::fromDeployment(*deployment);
        profile.applyAnnotations(pod);
        return profile;
    }
    WorkloadProfile profile =
        WorkloadProfile::forApp(pod["metadata"].value("labels", nlohmann::json::object()).value("app", ""));
    profile.applyAnnotations(pod);
    return profile;
}

}  // namespace meshlings::sim
