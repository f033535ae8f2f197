#pragma once
// Runs the world's SetWeights requests through the session's RoutingGuard
// (so routing is saved before the first change) on a thread of its own, one
// at a time in the order given, and answers each with an ApiResult for the
// app to hand to the world at the next tick -- as RequestExecutor does for
// the other requests. Also restores the routing when asked (the end of a
// level) without making the game loop wait; what that did comes back as
// note lines. stop() (and the destructor) drops what is queued and waits
// for the call in flight.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cluster_request.hpp"
#include "command.hpp"
#include "routing_guard.hpp"

namespace meshlings::bridge {

class RoutingExecutor {
public:
    // `guard` must outlive the executor.
    RoutingExecutor(RoutingGuard& guard, bool armed);
    ~RoutingExecutor();
    RoutingExecutor(const RoutingExecutor&) = delete;
    RoutingExecutor& operator=(const RoutingExecutor&) = delete;

    void execute(const world::ClusterRequest& request);
    void restoreSoon();
    std::vector<world::ApiResult> takeResults();
    std::vector<std::string> takeNotes();
    void setArmed(bool armed) { m_armed = armed; }
    void stop();

    // One SetWeights call on the caller's thread (the worker uses it; so do tests).
    world::ApiResult run(const world::ClusterRequest& request, bool dryRun);

private:
    void post(std::function<void()> job);
    void loop(std::stop_token stop);

    RoutingGuard& m_guard;
    std::atomic<bool> m_armed;
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::deque<std::function<void()>> m_jobs;
    std::vector<world::ApiResult> m_results;
    std::vector<std::string> m_notes;
    std::jthread m_thread;
};

}  // namespace meshlings::bridge
