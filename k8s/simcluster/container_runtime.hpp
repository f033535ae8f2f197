#pragma once
// What the kubelet does with one container after the pod's sandbox is up:
// pulls its image (an image the cluster does not know fails: ErrImagePull,
// then ImagePullBackOff while the kubelet waits to retry) and restarts it
// when it exits (the `meshlings.dev/exit-code` annotation makes the app
// containers exit: RESTARTS, lastState.terminated, CrashLoopBackOff). Both
// back-offs are the kubelet's: 10 s, doubling, at most 5 min
// (docs/cluster-model.md). Owned by the Kubelet; it shares the context.
#include <functional>
#include <string>
#include <vector>

#include "simcluster/event_recorder.hpp"
#include "simcluster/image_catalog.hpp"
#include "simcluster/workload_profile.hpp"

namespace meshlings::sim {

class ContainerRuntime {
public:
    using ProfileOf = std::function<WorkloadProfile(const nlohmann::json&)>;
    ContainerRuntime(ClusterContext& context, EventRecorder& events, ProfileOf profileOf);

    ImageCatalog& images() { return m_images; }

    // Marks waiting (ErrImagePull) the containers of a pod just set running whose image
    // cannot be pulled; returns their names.
    std::vector<std::string> failPulls(nlohmann::json& pod, const WorkloadProfile& profile) const;
    // After the pod was stored: the events of the failed pulls and what follows them, and
    // the exits of the started app containers when the profile says they exit.
    void started(const nlohmann::json& pod, const std::vector<std::string>& failedPulls,
                 const WorkloadProfile& profile);

    // The kubelet's back-off after `failures` failures: 0, 10 s, 20 s, ... at most 300 s.
    static Millis backOff(int failures);
    static constexpr Millis kMaxBackOff = 300 * kSecond;
    static constexpr Millis kBackOffReset = 600 * kSecond;  // a run this long forgets the crashes

private:
    using Step = std::function<void(nlohmann::json&)>;
    void later(Millis delay, const nlohmann::json& pod, Step step);
    void pullFailed(const nlohmann::json& pod, const std::string& container, int failures);
    void pullBackOff(nlohmann::json& pod, const std::string& container, int failures);
    void retryPull(nlohmann::json& pod, const std::string& container, int failures);
    void armExit(const nlohmann::json& pod, const std::string& container, const WorkloadProfile& profile);
    void exitContainer(nlohmann::json& pod, const std::string& container, Millis startedAt);
    void crashBackOff(nlohmann::json& pod, const std::string& container, Millis delay);
    void restart(nlohmann::json& pod, const std::string& container);
    void containerStarted(const nlohmann::json& pod, const std::string& container, bool pulled);
    void becomeReady(nlohmann::json& pod, const std::string& container);
    std::string imageOf(const nlohmann::json& pod, const std::string& container) const;
    bool canPull(const nlohmann::json& pod, const std::string& image, const WorkloadProfile& profile) const;
    void event(const nlohmann::json& pod, const std::string& container, const char* type, const char* reason,
               const std::string& message);

    ClusterContext& m_context;
    EventRecorder& m_events;
    ProfileOf m_profileOf;
    ImageCatalog m_images;
};

}  // namespace meshlings::sim
