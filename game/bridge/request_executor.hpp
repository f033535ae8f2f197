#pragma once
// Runs the world's ClusterRequests on a thread of its own, one at a time in
// the order given, with its own KubeClient, and keeps each answer as an
// ApiResult command for the app to hand to the world at the next tick.
// Disarmed, every change is sent as a server-side dry-run (dryRun=All) and
// an accepted one answers DryRun. The thread ends with the executor; a
// request still queued then is dropped, one in flight is finished first.
// Every request is first put to the NamespaceGuard: a change outside the
// allowed namespaces answers Refused with the guard's reason, unsent.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "cluster_request.hpp"
#include "command.hpp"
#include "istio_routing.hpp"
#include "kube_client.hpp"
#include "namespace_guard.hpp"
#include "routing_writer.hpp"

namespace meshlings::bridge {

class RequestExecutor {
public:
    // The guard allows config.nameSpace and `namespaces`, and protects where
    // Meshlings runs (NamespaceGuard::ownNamespace()).
    RequestExecutor(const k8s::RestConfig& config, bool armed, NamespacePolicy namespaces = {});
    ~RequestExecutor();
    RequestExecutor(const RequestExecutor&) = delete;
    RequestExecutor& operator=(const RequestExecutor&) = delete;

    void execute(world::ClusterRequest request);
    // The answers since the last call, in the order the requests finished.
    std::vector<world::ApiResult> takeResults();
    void setArmed(bool armed) { m_armed = armed; }
    bool armed() const { return m_armed; }

    // Makes one call now, on the caller's thread (the worker uses it; so do tests).
    world::ApiResult run(const world::ClusterRequest& request, bool dryRun);

private:
    void loop(std::stop_token stop);

    NamespaceGuard m_guard;
    k8s::KubeClient m_client;
    k8s::IstioRouting m_istio;
    RoutingWriter m_routing;
    std::atomic<bool> m_armed;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<world::ClusterRequest> m_queue;
    std::vector<world::ApiResult> m_results;
    std::jthread m_thread;
};

}  // namespace meshlings::bridge
