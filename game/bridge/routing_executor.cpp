#include "routing_executor.hpp"

namespace meshlings::bridge {

RoutingExecutor::RoutingExecutor(RoutingGuard& guard, bool armed) : m_guard(guard), m_armed(armed) {
    m_thread = std::jthread([this](std::stop_token stop) { loop(stop); });
}

RoutingExecutor::~RoutingExecutor() {
    stop();
}

void RoutingExecutor::stop() {
    m_thread.request_stop();
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void RoutingExecutor::execute(const world::ClusterRequest& request) {
    post([this, request] {
        world::ApiResult result = run(request, !m_armed);
        const std::lock_guard lock(m_mutex);
        m_results.push_back(std::move(result));
    });
}

void RoutingExecutor::restoreSoon() {
    post([this] {
        const RestoreReport report = m_guard.restore();
        if (report.steps.empty() && report.problem.empty()) return;
        std::string text = report.ok() ? "routing restored at the end of the level:" : "routing NOT fully restored:";
        const char* separator = " ";
        for (const auto& step : report.steps) {
            text += separator + step.object + ": " + step.message;
            separator = "; ";
        }
        if (!report.problem.empty()) text += separator + report.problem;
        if (!report.ok()) text += "; the saved state stays in " + m_guard.statePath() + " for `meshlings restore`";
        const std::lock_guard lock(m_mutex);
        m_notes.push_back(std::move(text));
    });
}

std::vector<world::ApiResult> RoutingExecutor::takeResults() {
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_results, {});
}

std::vector<std::string> RoutingExecutor::takeNotes() {
    const std::lock_guard lock(m_mutex);
    return std::exchange(m_notes, {});
}

world::ApiResult RoutingExecutor::run(const world::ClusterRequest& request, bool dryRun) {
    world::ApiResult result;
    result.requestId = request.id;
    try {
        m_guard.apply(request.weights, dryRun);
        result.outcome = dryRun ? world::ApiOutcome::DryRun : world::ApiOutcome::Accepted;
    } catch (const std::exception& e) {
        result.outcome = world::ApiOutcome::Refused;
        result.message = e.what();
    }
    return result;
}

void RoutingExecutor::post(std::function<void()> job) {
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void RoutingExecutor::loop(std::stop_token stop) {
    while (!stop.stop_requested()) {
        std::function<void()> job;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_jobs.empty(); })) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        job();
    }
}

}  // namespace meshlings::bridge
