#pragma once
// Runs the world's ClusterRequests on a thread of its own, one at a time in
// the order given, with its own KubeClient, and keeps each answer as an
// ApiResult command for the app to hand to the world at the next tick.
// Disarmed, every change is sent as a server-side dry-run (dryRun=All) and
// an accepted one answers DryRun. The one way a request reaches a cluster:
// SetWeights and the skills (SetRetries .. SetOutlierDetection) go through
// the session's RoutingGuard when there is one (a real cluster: saved before
// the first change), else straight through a RoutingWriter / SkillWriter; restoreRoutingSoon() queues the guard's
// restore behind the calls already asked for, and what it did comes back as note lines. stopRouting() drops the queued
// routing calls, waits for one in flight and refuses every later one (the halt, the end of the session). The thread
// ends with the executor; a request still queued then is dropped, one in
// flight is finished first. Whether a namespace may be changed at all is the
// RequestRouter's question, asked before a request gets here.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bridge/routing_writer.hpp"
#include "bridge/skill_writer.hpp"
#include "client/istio_routing.hpp"
#include "client/kube_client.hpp"
#include "world/model/cluster_request.hpp"
#include "world/model/command.hpp"

namespace meshlings::bridge {

class RoutingGuard;

class RequestExecutor {
public:
    // `routing`, when given, must outlive the executor.
    RequestExecutor(const k8s::RestConfig& config, bool armed, RoutingGuard* routing = nullptr);
    ~RequestExecutor();
    RequestExecutor(const RequestExecutor&) = delete;
    RequestExecutor& operator=(const RequestExecutor&) = delete;

    void execute(world::ClusterRequest request);
    // The RoutingGuard's restore, after the calls queued before it (the end of a level).
    void restoreRoutingSoon();
    // Drops the queued routing calls (weights, skills) and restores, waits for one in flight; later ones are dropped
    // too.
    void stopRouting();
    // The answers since the last call, in the order the requests finished.
    std::vector<world::ApiResult> takeResults();
    // What restoreRoutingSoon() did, since the last call.
    std::vector<std::string> takeNotes();
    void setArmed(bool armed) { m_armed = armed; }
    bool armed() const { return m_armed; }

    // Makes one call now, on the caller's thread (the worker uses it; so do tests).
    world::ApiResult run(const world::ClusterRequest& request, bool dryRun);

private:
    // A queued job: a request, or (no request) the routing's restore.
    struct Job {
        std::optional<world::ClusterRequest> request;
        bool routing() const { return !request || world::isRoutingRequest(request->kind); }
    };
    void post(Job job);
    void restore();
    void loop(const std::stop_token& stop);

    k8s::KubeClient m_client;
    k8s::IstioRouting m_istio;
    RoutingWriter m_routing;
    SkillWriter m_skills;
    RoutingGuard* m_guard;
    std::atomic<bool> m_armed;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::condition_variable m_idle;
    std::deque<Job> m_queue;
    bool m_routingStopped = false;
    bool m_routingInFlight = false;
    std::vector<world::ApiResult> m_results;
    std::vector<std::string> m_notes;
    std::jthread m_thread;
};

}  // namespace meshlings::bridge
