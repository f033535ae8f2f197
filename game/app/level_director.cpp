#include "app/level_director.hpp"

#include "bridge/routing_guard.hpp"
#include "bridge/routing_writer.hpp"
#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "client/kube_client.hpp"
#include "world/level/chaos_schedule.hpp"

namespace meshlings::app {

LevelDirector::LevelDirector(const world::Level& level, const std::optional<k8s::RestConfig>& config, bool armed,
                             bridge::RoutingGuard* guard)
    : m_level(level), m_dryRun(!armed), m_guard(guard) {
    if (config) m_client = std::make_unique<k8s::KubeClient>(*config);
    m_thread = std::thread([this] { run(); });
}

LevelDirector::~LevelDirector() {
    stop();
}

void LevelDirector::stop() {
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void LevelDirector::begin() {
    for (const auto& setup : m_level.setup) {
        post("setup " + setup.deployment, [this, setup] { apply(setup); });
    }
    if (!m_level.initialWeights.empty()) {
        const auto weights = world::weightsOfSubsets(m_level.initialWeights);
        post("initial weights", [this, weights] {
            if (m_guard) {
                m_guard->apply(weights, m_dryRun);
                return;
            }
            k8s::IstioRouting routing(*m_client);
            bridge::RoutingWriter(routing, m_client->nameSpace()).apply(weights, m_dryRun);
        });
    }
}

void LevelDirector::update(double levelSeconds) {
    while (m_nextScripted < m_level.script.size() &&
           static_cast<double>(m_level.script[m_nextScripted].atSecond) <= levelSeconds) {
        const auto change = m_level.script[m_nextScripted++].change;
        post("script " + change.deployment, [this, change] { apply(change); });
    }
}

std::vector<std::string> LevelDirector::takeProblems() {
    const std::lock_guard lock(m_mutex);
    std::vector<std::string> out;
    out.swap(m_problems);
    return out;
}

bool LevelDirector::idle() {
    const std::lock_guard lock(m_mutex);
    return m_jobs.empty() && !m_busy;
}

void LevelDirector::post(std::string what, Job job) {
    if (!m_client) return;
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.emplace_back(std::move(what), std::move(job));
    }
    m_wake.notify_one();
}

void LevelDirector::apply(const world::WorkloadSetup& setup) {
    if (setup.replicas) k8s::scaleDeployment(*m_client, setup.deployment, *setup.replicas, m_dryRun);
    if (setup.annotations.empty()) return;
    nlohmann::json annotations = nlohmann::json::object();
    for (const auto& [key, value] : setup.annotations) annotations[key] = value;
    k8s::patchDeployment(*m_client, setup.deployment, {{"metadata", {{"annotations", annotations}}}}, m_dryRun);
}

void LevelDirector::run() {
    for (;;) {
        std::pair<std::string, Job> job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_jobs.empty(); });
            if (m_stop) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            m_busy = true;
        }
        std::string problem;
        try {
            job.second();
        } catch (const std::exception& e) {
            problem = job.first + ": " + e.what();
        }
        const std::lock_guard lock(m_mutex);
        m_busy = false;
        if (!problem.empty()) m_problems.push_back(std::move(problem));
    }
}

}  // namespace meshlings::app
