#include "simcluster/pod_builder.hpp"

#include "simcluster/json_access.hpp"

namespace meshlings::sim::pod_builder {

namespace {

constexpr const char* kProxyImage = "istio/proxyv2:1.24.2";

Json condition(const char* type, bool status, const std::string& timestamp, const char* reason = nullptr) {
    Json c{{"type", type},
           {"status", status ? "True" : "False"},
           {"lastProbeTime", nullptr},
           {"lastTransitionTime", timestamp}};
    if (reason != nullptr) c["reason"] = reason;
    return c;
}

Json containerStatus(const Json& container) {
    return {{"name", container["name"]},
            {"image", container["image"]},
            {"imageID", ""},
            {"ready", false},
            {"started", false},
            {"restartCount", 0},
            {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}}};
}

Json sidecarContainer() {
    return {{"name", "istio-proxy"},
            {"image", kProxyImage},
            {"args", {"proxy", "sidecar", "--domain", "$(POD_NAMESPACE).svc.cluster.local"}},
            {"ports", {{{"containerPort", 15090}, {"name", "http-envoy-prom"}, {"protocol", "TCP"}}}},
            {"readinessProbe", {{"httpGet", {{"path", "/healthz/ready"}, {"port", 15021}}}}},
            {"resources", {{"requests", {{"cpu", "100m"}, {"memory", "128Mi"}}}}}};
}

void setConditions(Json& pod, bool initialized, bool ready, const std::string& timestamp) {
    const char* reason = ready ? nullptr : "ContainersNotReady";
    Json conditions = Json::array();
    conditions.push_back(condition("PodReadyToStartContainers", initialized, timestamp));
    conditions.push_back(condition("Initialized", true, timestamp));
    conditions.push_back(condition("Ready", ready, timestamp, reason));
    conditions.push_back(condition("ContainersReady", ready, timestamp, reason));
    conditions.push_back(condition("PodScheduled", true, timestamp));
    // A DisruptionTarget condition (eviction, taint manager, pod GC) is not the kubelet's to drop.
    for (const auto& old : json_access::array(pod["status"], "conditions")) {
        if (json_access::text(old, "type") == "DisruptionTarget") conditions.push_back(old);
    }
    if (!ready) {
        std::string names;
        for (const auto& c : pod["spec"]["containers"])
            names += (names.empty() ? "" : " ") + c["name"].get<std::string>();
        for (auto& c : conditions) {
            if (c["status"] == "False" && c.contains("reason"))
                c["message"] = "containers with unready status: [" + names + "]";
        }
    }
    // Keep transition times of conditions whose status did not change.
    for (auto& c : conditions) {
        for (const auto& old : json_access::array(pod["status"], "conditions")) {
            const std::string since = json_access::text(old, "lastTransitionTime");
            if (json_access::text(old, "type") == c["type"] && json_access::text(old, "status") == c["status"] &&
                !since.empty()) {
                c["lastTransitionTime"] = since;
            }
        }
    }
    pod["status"]["conditions"] = std::move(conditions);
}

Json* statusNamed(Json& pod, const std::string& container) {
    if (!pod["status"].contains("containerStatuses")) return nullptr;
    for (auto& status : pod["status"]["containerStatuses"]) {
        if (status.value("name", "") == container) return &status;
    }
    return nullptr;
}

// Phase and conditions from the containers: Pending while one has never run.
void settle(Json& pod, const std::string& timestamp) {
    bool neverRan = false, all = true;
    for (const auto& status : pod["status"]["containerStatuses"]) {
        if (status["state"].contains("waiting") && !status.value("lastState", Json::object()).contains("terminated"))
            neverRan = true;
        all = all && status.value("ready", false);
    }
    pod["status"]["phase"] = neverRan ? "Pending" : "Running";
    setConditions(pod, true, all, timestamp);
}

void keepLastTermination(Json& status) {
    if (status["state"].contains("terminated")) status["lastState"] = {{"terminated", status["state"]["terminated"]}};
}

}  // namespace

Json fromReplicaSet(const Json& replicaSet, const std::string& name, bool injectSidecar) {
    const Json& rsMeta = replicaSet["metadata"];
    const Json& tmpl = replicaSet["spec"]["template"];
    Json pod;
    pod["metadata"] = {{"name", name},
                       {"generateName", rsMeta["name"].get<std::string>() + "-"},
                       {"namespace", rsMeta["namespace"]},
                       {"labels", tmpl["metadata"].value("labels", Json::object())},
                       {"ownerReferences",
                        {{{"apiVersion", "apps/v1"},
                          {"kind", "ReplicaSet"},
                          {"name", rsMeta["name"]},
                          {"uid", rsMeta["uid"]},
                          {"controller", true},
                          {"blockOwnerDeletion", true}}}}};
    if (tmpl["metadata"].contains("annotations")) pod["metadata"]["annotations"] = tmpl["metadata"]["annotations"];
    Json spec = tmpl["spec"];
    if (injectSidecar) {
        spec["containers"].push_back(sidecarContainer());
        pod["metadata"]["labels"]["security.istio.io/tlsMode"] = "istio";
        pod["metadata"]["labels"]["service.istio.io/canonical-name"] = pod["metadata"]["labels"].value("app", name);
        pod["metadata"]["labels"]["service.istio.io/canonical-revision"] =
            pod["metadata"]["labels"].value("version", "latest");
        pod["metadata"]["annotations"]["sidecar.istio.io/status"] =
            R"({"containers":["istio-proxy"],"revision":"default"})";
        // Istio's injector names the app container kubectl picks by default (logs, exec).
        const std::string app = spec["containers"].front().value("name", "");
        pod["metadata"]["annotations"]["kubectl.kubernetes.io/default-container"] = app;
        pod["metadata"]["annotations"]["kubectl.kubernetes.io/default-logs-container"] = app;
    }
    for (const char* field : {"restartPolicy", "dnsPolicy", "schedulerName"}) {
        if (!spec.contains(field))
            spec[field] = field == std::string("restartPolicy") ? "Always"
                          : field == std::string("dnsPolicy")   ? "ClusterFirst"
                                                                : "default-scheduler";
    }
    if (!spec.contains("terminationGracePeriodSeconds")) spec["terminationGracePeriodSeconds"] = 30;
    if (!spec.contains("serviceAccountName")) spec["serviceAccountName"] = "default";
    pod["spec"] = std::move(spec);
    addDefaultTolerations(pod);
    pod["status"] = {{"phase", "Pending"}, {"qosClass", "BestEffort"}};
    return pod;
}

void setScheduled(Json& pod, const std::string& node, const std::string& timestamp) {
    pod["spec"]["nodeName"] = node;
    pod["status"]["conditions"] = Json::array({condition("PodScheduled", true, timestamp)});
}

void setContainerCreating(Json& pod, const std::string& hostIP, const std::string& timestamp) {
    pod["status"]["hostIP"] = hostIP;
    pod["status"]["hostIPs"] = Json::array({{{"ip", hostIP}}});
    pod["status"]["startTime"] = timestamp;
    setConditions(pod, false, false, timestamp);
    Json statuses = Json::array();
    for (const auto& c : pod["spec"]["containers"]) statuses.push_back(containerStatus(c));
    pod["status"]["containerStatuses"] = std::move(statuses);
}

void setRunning(Json& pod, const std::string& podIP, const std::string& timestamp) {
    pod["status"]["phase"] = "Running";
    pod["status"]["podIP"] = podIP;
    pod["status"]["podIPs"] = Json::array({{{"ip", podIP}}});
    setConditions(pod, true, false, timestamp);
    for (auto& status : pod["status"]["containerStatuses"]) {
        status["state"] = {{"running", {{"startedAt", timestamp}}}};
        status["started"] = true;
        status["imageID"] = status["image"].get<std::string>() + "@sha256:" + std::string(12, '0');
    }
}

void setReady(Json& pod, bool ready, const std::string& timestamp) {
    setConditions(pod, true, ready, timestamp);
    for (auto& status : pod["status"]["containerStatuses"]) {
        status["ready"] = ready && status["state"].contains("running");
    }
}

void setContainersReady(Json& pod, bool sidecar, const std::string& timestamp) {
    bool all = true;
    for (auto& status : pod["status"]["containerStatuses"]) {
        if ((status["name"] == "istio-proxy") == sidecar && status["state"].contains("running")) status["ready"] = true;
        all = all && status.value("ready", false);
    }
    setConditions(pod, true, all, timestamp);
}

bool setProbelessReady(Json& pod, const std::string& timestamp) {
    bool any = false, all = true;
    const Json& containers = pod["spec"]["containers"];
    for (auto& status : pod["status"]["containerStatuses"]) {
        for (const auto& c : containers) {
            if (c.value("name", "") != status.value("name", "") || c.contains("readinessProbe")) continue;
            if (status["state"].contains("running") && !status.value("ready", false)) {
                status["ready"] = true;
                any = true;
            }
        }
        all = all && status.value("ready", false);
    }
    if (any) setConditions(pod, true, all, timestamp);
    return any;
}

void setTerminated(Json& pod, int exitCode, const std::string& timestamp) {
    pod["status"]["phase"] = exitCode == 0 ? "Succeeded" : "Failed";
    setConditions(pod, false, false, timestamp);
    for (auto& status : pod["status"]["containerStatuses"]) {
        const std::string startedAt =
            status["state"].contains("running") ? status["state"]["running"].value("startedAt", timestamp) : timestamp;
        status["state"] = {{"terminated",
                            {{"exitCode", exitCode},
                             {"reason", exitCode == 0 ? "Completed" : "Error"},
                             {"startedAt", startedAt},
                             {"finishedAt", timestamp}}}};
        status["ready"] = false;
        status["started"] = false;
    }
}

void setContainerWaiting(Json& pod, const std::string& container, const std::string& reason, const std::string& message,
                         const std::string& timestamp) {
    Json* status = statusNamed(pod, container);
    if (status == nullptr) return;
    keepLastTermination(*status);
    (*status)["state"] = {{"waiting", {{"reason", reason}, {"message", message}}}};
    (*status)["ready"] = false;
    (*status)["started"] = false;
    settle(pod, timestamp);
}

void setContainerRunning(Json& pod, const std::string& container, bool restart, const std::string& timestamp) {
    Json* status = statusNamed(pod, container);
    if (status == nullptr) return;
    keepLastTermination(*status);
    if (restart) (*status)["restartCount"] = (*status).value("restartCount", 0) + 1;
    (*status)["state"] = {{"running", {{"startedAt", timestamp}}}};
    (*status)["ready"] = false;
    (*status)["started"] = true;
    (*status)["imageID"] = (*status)["image"].get<std::string>() + "@sha256:" + std::string(12, '0');
    settle(pod, timestamp);
}

void setContainerExited(Json& pod, const std::string& container, int exitCode, const std::string& timestamp) {
    Json* status = statusNamed(pod, container);
    if (status == nullptr || !(*status)["state"].contains("running")) return;
    const std::string startedAt = (*status)["state"]["running"].value("startedAt", timestamp);
    (*status)["state"] = {{"terminated",
                           {{"exitCode", exitCode},
                            {"reason", exitCode == 0 ? "Completed" : "Error"},
                            {"startedAt", startedAt},
                            {"finishedAt", timestamp}}}};
    (*status)["ready"] = false;
    (*status)["started"] = false;
    settle(pod, timestamp);
}

const Json* containerStatusOf(const Json& pod, const std::string& container) {
    for (const auto& status : json_access::array(json_access::object(pod, "status"), "containerStatuses")) {
        if (json_access::text(status, "name") == container) return &status;
    }
    return nullptr;
}

void addDefaultTolerations(Json& pod) {
    Json& spec = pod["spec"];
    for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
        bool tolerated = false;
        for (const auto& t : json_access::array(spec, "tolerations")) {
            const std::string effect = json_access::text(t, "effect");
            const std::string tkey = json_access::text(t, "key");
            tolerated = tolerated || ((effect.empty() || effect == "NoExecute") &&
                                      (tkey == key || (tkey.empty() && json_access::text(t, "operator") == "Exists")));
        }
        if (tolerated) continue;
        if (!spec["tolerations"].is_array()) spec["tolerations"] = Json::array();
        spec["tolerations"].push_back(
            {{"key", key}, {"operator", "Exists"}, {"effect", "NoExecute"}, {"tolerationSeconds", 300}});
    }
}

void setDisruptionTarget(Json& pod, const std::string& reason, const std::string& message,
                         const std::string& timestamp) {
    Json condition{{"type", "DisruptionTarget"},      {"status", "True"}, {"lastProbeTime", nullptr},
                   {"lastTransitionTime", timestamp}, {"reason", reason}, {"message", message}};
    Json& conditions = pod["status"]["conditions"];
    if (!conditions.is_array()) conditions = Json::array();
    for (auto& c : conditions) {
        if (json_access::text(c, "type") != "DisruptionTarget") continue;
        if (json_access::text(c, "status") == "True") condition["lastTransitionTime"] = c["lastTransitionTime"];
        c = std::move(condition);
        return;
    }
    conditions.push_back(std::move(condition));
}

bool isReady(const Json& pod) {
    using namespace json_access;
    if (isTerminating(pod)) return false;
    for (const auto& c : array(object(pod, "status"), "conditions")) {
        if (text(c, "type") == "Ready") return text(c, "status") == "True";
    }
    return false;
}

bool isTerminating(const Json& pod) {
    return json_access::object(pod, "metadata").contains("deletionTimestamp");
}

std::string controllerName(const Json& object) {
    using namespace json_access;
    for (const auto& owner : array(json_access::object(object, "metadata"), "ownerReferences")) {
        if (flag(owner, "controller")) return text(owner, "name");
    }
    return "";
}

}  // namespace meshlings::sim::pod_builder
