#include "request_executor.hpp"

#include <utility>

#include "core_calls.hpp"

namespace meshlings::bridge {

RequestExecutor::RequestExecutor(const k8s::RestConfig& config, bool armed, NamespacePolicy namespaces)
    : m_guard(config.nameSpace, std::move(namespaces), NamespaceGuard::ownNamespace()),
      m_client(config),
      m_istio(m_client),
      m_routing(m_istio, config.nameSpace),
      m_armed(armed) {
    m_thread = std::jthread([this](std::stop_token stop) { loop(stop); });
}

RequestExecutor::~RequestExecutor() {
    m_thread.request_stop();
    m_wake.notify_all();
}

void RequestExecutor::execute(world::ClusterRequest request) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(request));
    }
    m_wake.notify_all();
}

std::vector<world::ApiResult> RequestExecutor::takeResults() {
    std::lock_guard lock(m_mutex);
    return std::exchange(m_results, {});
}

world::ApiResult RequestExecutor::run(const world::ClusterRequest& request, bool dryRun) {
    world::ApiResult result;
    result.requestId = request.id;
    if (std::string refusal = m_guard.refusal(m_client.nameSpace()); !refusal.empty()) {
        result.outcome = world::ApiOutcome::Refused;
        result.message = std::move(refusal);
        return result;
    }
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
                m_routing.apply(request.weights, dryRun);
                break;
        }
        result.outcome = dryRun ? world::ApiOutcome::DryRun : world::ApiOutcome::Accepted;
    } catch (const std::exception& e) {
        result.outcome = world::ApiOutcome::Refused;
        result.message = e.what();
    }
    return result;
}

void RequestExecutor::loop(std::stop_token stop) {
    while (!stop.stop_requested()) {
        world::ClusterRequest request;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_queue.empty(); })) return;
            request = std::move(m_queue.front());
            m_queue.pop_front();
        }
        world::ApiResult result = run(request, !m_armed);
        std::lock_guard lock(m_mutex);
        m_results.push_back(std::move(result));
    }
}

}  // namespace meshlings::bridge
