#include "simcluster/container_runtime.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "simcluster/json_access.hpp"
#include "simcluster/pod_builder.hpp"

namespace meshlings::sim {

namespace {

constexpr Millis kNextSync = 1000;  // the kubelet's PLEG relists every second and syncs the pod

bool isSidecar(const std::string& container) {
    return container == "istio-proxy";
}

std::string podRef(const nlohmann::json& pod) {
    return pod["metadata"].value("name", "") + "_" + pod["metadata"].value("namespace", "") + "(" +
           pod["metadata"].value("uid", "") + ")";
}

std::string waitingReason(const nlohmann::json& pod, const std::string& container) {
    const nlohmann::json* status = pod_builder::containerStatusOf(pod, container);
    if (status == nullptr) return "";
    return json_access::text(json_access::object(json_access::object(*status, "state"), "waiting"), "reason");
}

}  // namespace

ContainerRuntime::ContainerRuntime(ClusterContext& context, EventRecorder& events, ProfileOf profileOf)
    : m_context(context), m_events(events), m_profileOf(std::move(profileOf)) {}

Millis ContainerRuntime::backOff(int failures) {
    if (failures <= 0) return 0;
    Millis delay = 10 * kSecond;
    for (int i = 1; i < failures && delay < kMaxBackOff; ++i) delay *= 2;
    return std::min(delay, kMaxBackOff);
}

void ContainerRuntime::later(Millis delay, const nlohmann::json& pod, Step step) {
    const std::string ns = pod["metadata"].value("namespace", "");
    const std::string name = pod["metadata"]["name"];
    const std::string uid = pod["metadata"]["uid"];
    m_context.scheduler.at(m_context.now + delay, [this, ns, name, uid, step = std::move(step)] {
        const auto current = m_context.store.get(ResourceRegistry::pods(), ns, name);
        if (!current || (*current)["metadata"]["uid"] != uid || pod_builder::isTerminating(*current)) return;
        nlohmann::json copy = *current;
        step(copy);
    });
}

std::string ContainerRuntime::imageOf(const nlohmann::json& pod, const std::string& container) const {
    for (const auto& c : json_access::array(json_access::object(pod, "spec"), "containers")) {
        if (json_access::text(c, "name") == container) return json_access::text(c, "image");
    }
    return "";
}

bool ContainerRuntime::canPull(const nlohmann::json& pod, const std::string& image,
                               const WorkloadProfile& profile) const {
    const auto& annotations = json_access::object(json_access::object(pod, "metadata"), "annotations");
    return m_images.knows(image, profile.images + " " + json_access::text(annotations, ImageCatalog::kAnnotation));
}

std::vector<std::string> ContainerRuntime::failPulls(nlohmann::json& pod, const WorkloadProfile& profile) const {
    std::vector<std::string> failed;
    for (const auto& c : json_access::array(json_access::object(pod, "spec"), "containers")) {
        const std::string image = json_access::text(c, "image");
        if (canPull(pod, image, profile)) continue;
        failed.push_back(json_access::text(c, "name"));
    }
    for (const auto& name : failed)
        pod_builder::setContainerWaiting(pod, name, "ErrImagePull", "", m_context.timestamp());
    return failed;
}

void ContainerRuntime::started(const nlohmann::json& pod, const std::vector<std::string>& failedPulls,
                               const WorkloadProfile& profile) {
    for (const auto& name : failedPulls) pullFailed(pod, name, 1);
    for (const auto& c : json_access::array(json_access::object(pod, "spec"), "containers")) {
        const std::string name = json_access::text(c, "name");
        if (std::find(failedPulls.begin(), failedPulls.end(), name) == failedPulls.end()) armExit(pod, name, profile);
    }
}

void ContainerRuntime::event(const nlohmann::json& pod, const std::string& container, const char* type,
                             const char* reason, const std::string& message) {
    m_events.record(pod, type, reason, message, "kubelet", "spec.containers{" + container + "}");
}

// The pull has just failed (the pod already says ErrImagePull): its events; the back-off and the retry.
void ContainerRuntime::pullFailed(const nlohmann::json& pod, const std::string& container, int failures) {
    const std::string image = imageOf(pod, container);
    const std::string ref = ImageCatalog::normalise(image);
    event(pod, container, "Normal", "Pulling", "Pulling image \"" + image + "\"");
    event(pod, container, "Warning", "Failed",
          "Failed to pull image \"" + image +
              "\": rpc error: code = NotFound desc = failed to pull and unpack image \"" + ref +
              "\": failed to resolve reference \"" + ref + "\": " + ref + ": not found");
    event(pod, container, "Warning", "Failed", "Error: ErrImagePull");
    later(kNextSync + static_cast<Millis>(m_context.rng.below(500)), pod,
          [this, container, failures](nlohmann::json& p) { pullBackOff(p, container, failures); });
    later(backOff(failures) + static_cast<Millis>(m_context.rng.below(1000)), pod,
          [this, container, failures](nlohmann::json& p) { retryPull(p, container, failures); });
}

void ContainerRuntime::pullBackOff(nlohmann::json& pod, const std::string& container, int /*failures*/) {
    if (waitingReason(pod, container) != "ErrImagePull") return;
    const std::string message = "Back-off pulling image \"" + imageOf(pod, container) + "\"";
    pod_builder::setContainerWaiting(pod, container, "ImagePullBackOff", message, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    event(*stored, container, "Normal", "BackOff", message);
    event(*stored, container, "Warning", "Failed", "Error: ImagePullBackOff");
}

void ContainerRuntime::retryPull(nlohmann::json& pod, const std::string& container, int failures) {
    const std::string reason = waitingReason(pod, container);
    if (reason != "ImagePullBackOff" && reason != "ErrImagePull") return;
    const WorkloadProfile profile = m_profileOf(pod);
    const std::string image = imageOf(pod, container);
    if (!canPull(pod, image, profile)) {
        pod_builder::setContainerWaiting(pod, container, "ErrImagePull", "", m_context.timestamp());
        pullFailed(*m_context.store.update(ResourceRegistry::pods(), pod), container, failures + 1);
        return;
    }
    pod_builder::setContainerRunning(pod, container, false, m_context.timestamp());
    pod_builder::setProbelessReady(pod, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    event(*stored, container, "Normal", "Pulling", "Pulling image \"" + image + "\"");
    containerStarted(*stored, container, true);
    armExit(*stored, container, profile);
}

void ContainerRuntime::containerStarted(const nlohmann::json& pod, const std::string& container, bool pulled) {
    const std::string image = imageOf(pod, container);
    if (pulled) {
        const double seconds = 0.8 + 0.8 * m_context.rng.unit();
        char took[64];
        std::snprintf(took, sizeof took, "%.3fs (%.3fs including waiting)", seconds, seconds);
        event(pod, container, "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in " + took);
    } else {
        event(pod, container, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine");
    }
    event(pod, container, "Normal", "Created", "Created container " + container);
    event(pod, container, "Normal", "Started", "Started container " + container);
    if (isSidecar(container)) return;
    // The app answers after its start-up time; a container with a readinessProbe is Ready then too.
    const Millis startup = std::max<Millis>(m_profileOf(pod).startup, 100);
    m_context.appAnswersAt[pod["metadata"]["uid"]] = m_context.now + startup;
    later(startup, pod, [this, container](nlohmann::json& p) { becomeReady(p, container); });
}

void ContainerRuntime::becomeReady(nlohmann::json& pod, const std::string& container) {
    const nlohmann::json* status = pod_builder::containerStatusOf(pod, container);
    if (status == nullptr || !(*status)["state"].contains("running") || status->value("ready", false)) return;
    pod_builder::setContainersReady(pod, false, m_context.timestamp());
    m_context.store.update(ResourceRegistry::pods(), pod);
}

void ContainerRuntime::armExit(const nlohmann::json& pod, const std::string& container,
                               const WorkloadProfile& profile) {
    if (profile.exitCode < 0 || isSidecar(container)) return;
    const Millis startedAt = m_context.now;
    later(profile.exitAfter, pod,
          [this, container, startedAt](nlohmann::json& p) { exitContainer(p, container, startedAt); });
}

void ContainerRuntime::exitContainer(nlohmann::json& pod, const std::string& container, Millis startedAt) {
    const WorkloadProfile profile = m_profileOf(pod);
    if (profile.exitCode < 0) return;  // the annotation was taken away: it keeps running
    const nlohmann::json* status = pod_builder::containerStatusOf(pod, container);
    if (status == nullptr || !(*status)["state"].contains("running")) return;
    const int restarts = static_cast<int>(status->value("restartCount", 0));
    pod_builder::setContainerExited(pod, container, profile.exitCode, m_context.timestamp());
    m_context.appAnswersAt[pod["metadata"]["uid"]] = std::numeric_limits<Millis>::max();
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    // The first exit restarts at the next sync; each later one waits the back-off, unless the run was long.
    const Millis delay = m_context.now - startedAt >= kBackOffReset ? 0 : backOff(restarts);
    later(kNextSync + static_cast<Millis>(m_context.rng.below(500)), *stored,
          [this, container, delay](nlohmann::json& p) { crashBackOff(p, container, delay); });
}

void ContainerRuntime::crashBackOff(nlohmann::json& pod, const std::string& container, Millis delay) {
    if (delay == 0) {
        restart(pod, container);
        return;
    }
    char message[128];
    std::snprintf(message, sizeof message,
                  "back-off %llds restarting failed container=", static_cast<long long>(delay / kSecond));
    pod_builder::setContainerWaiting(pod, container, "CrashLoopBackOff", message + container + " pod=" + podRef(pod),
                                     m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    event(*stored, container, "Warning", "BackOff",
          "Back-off restarting failed container " + container + " in pod " + podRef(pod));
    later(delay - kNextSync, *stored, [this, container](nlohmann::json& p) { restart(p, container); });
}

void ContainerRuntime::restart(nlohmann::json& pod, const std::string& container) {
    const nlohmann::json* status = pod_builder::containerStatusOf(pod, container);
    if (status == nullptr || (*status)["state"].contains("running")) return;
    pod_builder::setContainerRunning(pod, container, true, m_context.timestamp());
    pod_builder::setProbelessReady(pod, m_context.timestamp());
    const auto stored = m_context.store.update(ResourceRegistry::pods(), pod);
    containerStarted(*stored, container, false);
    armExit(*stored, container, m_profileOf(*stored));
}

}  // namespace meshlings::sim
