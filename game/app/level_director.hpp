#pragma once
// Puts the cluster in the state a level starts from and makes the level's
// own changes when their time comes, through the client like any other
// change: replicas through the scale subresource, the behaviour annotations
// (meshlings.dev/...) by a merge patch on the Deployment, the initial
// reviews weights through the bridge's RoutingWriter (through the session's
// RoutingGuard when there is one, so they are saved first). Disarmed, every call
// is a server-side dry run. The calls run in order on the director's own
// thread so the game loop never waits on the API; problems are kept for the
// banner. The level's decisions -- the chaos plan, which pod it deletes, the
// probe's rate -- are the world's (world::ChaosSchedule), not made here.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "client/rest_config.hpp"
#include "world/level/level.hpp"

namespace meshlings::k8s {
class KubeClient;
}
namespace meshlings::bridge {
class RoutingGuard;
}

namespace meshlings::app {

class LevelDirector {
public:
    // Without a config (no cluster) nothing is applied. `guard` (may be null) must outlive the director.
    LevelDirector(const world::Level& level, const std::optional<k8s::RestConfig>& config, bool armed,
                  bridge::RoutingGuard* guard = nullptr);
    ~LevelDirector();
    LevelDirector(const LevelDirector&) = delete;
    LevelDirector& operator=(const LevelDirector&) = delete;

    // Drops what is queued, waits for the call in flight and ends the thread. Idempotent.
    void stop();
    // Later calls are real (true) or server-side dry runs (false): the arming dialog.
    void setArmed(bool armed) { m_dryRun = !armed; }
    // Queues the level's setup and initial weights.
    void begin();
    // Queues every scripted change whose time has come (level time, seconds).
    void update(double levelSeconds);
    // What went wrong since the last call, one line each ("setup details-v1: Forbidden ...").
    std::vector<std::string> takeProblems();
    // True when every queued call has been made (tests).
    bool idle();
    std::size_t scriptedDone() const { return m_nextScripted; }

private:
    using Job = std::function<void()>;
    void post(std::string what, Job job);
    void apply(const world::WorkloadSetup& setup);
    void run();

    world::Level m_level;
    std::atomic<bool> m_dryRun;
    bridge::RoutingGuard* m_guard;
    std::unique_ptr<k8s::KubeClient> m_client;
    std::size_t m_nextScripted = 0;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::string, Job>> m_jobs;
    std::vector<std::string> m_problems;
    bool m_busy = false;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace meshlings::app
