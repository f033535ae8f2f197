#include "bridge/request_executor.hpp"

#include <utility>

#include "bridge/routing_guard.hpp"
#include "client/core_calls.hpp"

namespace meshlings::bridge {

RequestExecutor::RequestExecutor(const k8s::RestConfig& config, bool armed, RoutingGuard* routing)
    : m_client(config),
      m_istio(m_client),
      m_routing(m_istio, config.nameSpace),
      m_skills(m_istio, config.nameSpace),
      m_guard(routing),
      m_armed(armed) {
    m_thread = std::jthread([this](const std::stop_token& stop) { loop(stop); });
}

RequestExecutor::~RequestExecutor() {
    m_thread.request_stop();
    m_wake.notify_all();
}

void RequestExecutor::execute(world::ClusterRequest request) {
    post(Job{std::move(request)});
}

void RequestExecutor::restoreRoutingSoon() {
    if (m_guard) post(Job{});
}

void RequestExecutor::post(Job job) {
    {
        std::lock_guard lock(m_mutex);
        if (job.routing() && m_routingStopped) return;
        m_queue.push_back(std::move(job));
    }
    m_wake.notify_all();
}

void RequestExecutor::stopRouting() {
    std::unique_lock lock(m_mutex);
    m_routingStopped = true;
    std::erase_if(m_queue, [](const Job& job) { return job.routing(); });
    m_idle.wait(lock, [this] { return !m_routingInFlight; });
}

std::vector<world::ApiResult> RequestExecutor::takeResults() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_results, {});
}

std::vector<std::string> RequestExecutor::takeNotes() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_notes, {});
}

world::ApiResult RequestExecutor::run(const world::ClusterRequest& request, bool dryRun) {
    world::ApiResult result;
    result.requestId = request.id;
    try {
        switch (request.kind) {
            case world::ClusterRequestKind::DeletePod: {
                k8s::DeleteOptions options;
                options.dryRun = dryRun;
                k8s::deletePod(m_client, request.pod, options);
                break;
            }
            case world::ClusterRequestKind::ScaleDeployment:
                k8s::scaleDeployment(m_client, request.deployment, request.replicas, dryRun);
                break;
            case world::ClusterRequestKind::SetWeights:
                if (m_guard) {
                    m_guard->apply(request.weights, dryRun);
                } else {
                    m_routing.apply(request.weights, dryRun);
                }
                break;
            case world::ClusterRequestKind::SetRetries:
            case world::ClusterRequestKind::SetTimeout:
            case world::ClusterRequestKind::SetConnectionPool:
            case world::ClusterRequestKind::SetOutlierDetection:
                if (m_guard) {
                    m_guard->applySkill(request, dryRun);
                } else {
                    m_skills.apply(request, dryRun);
                }
                break;
            case world::ClusterRequestKind::SetNodeKubelet:
                k8s::setNodeKubelet(m_client, request.node, request.kubeletStopped, dryRun);
                break;
        }
        result.outcome = dryRun ? world::ApiOutcome::DryRun : world::ApiOutcome::Accepted;
    } catch (const std::exception& e) {
        result.outcome = world::ApiOutcome::Refused;
        result.message = e.what();
    }
    return result;
}

void RequestExecutor::restore() {
    const RestoreReport report = m_guard->restore();
    if (report.steps.empty() && report.problem.empty()) return;
    std::string text = report.ok() ? "routing restored at the end of the level:" : "routing NOT fully restored:";
    const char* separator = " ";
    for (const auto& step : report.steps) {
        text += separator + step.object + ": " + step.message;
        separator = "; ";
    }
    if (!report.problem.empty()) text += separator + report.problem;
    if (!report.ok()) text += "; the saved state stays in " + m_guard->statePath() + " for `meshlings restore`";
    std::lock_guard lock(m_mutex);
    m_notes.push_back(std::move(text));
}

void RequestExecutor::loop(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_queue.empty(); })) return;
            job = std::move(m_queue.front());
            m_queue.pop_front();
            m_routingInFlight = job.routing();
        }
        if (!job.request) {
            restore();
        } else {
            world::ApiResult result = run(*job.request, !m_armed);
            std::lock_guard lock(m_mutex);
            m_results.push_back(std::move(result));
        }
        {
            std::lock_guard lock(m_mutex);
            m_routingInFlight = false;
        }
        m_idle.notify_all();
    }
}

}  // namespace meshlings::bridge
