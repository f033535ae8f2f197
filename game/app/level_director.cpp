#include "app/level_director.hpp"

#include <algorithm>
#include <cmath>

#include "bridge/routing_guard.hpp"
#include "bridge/routing_writer.hpp"
#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "client/kube_client.hpp"

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
        const auto weights = weightsOf(m_level.initialWeights);
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

std::vector<world::Command> LevelDirector::chaosDue(double levelSeconds, const world::PodBoard& pods) {
    std::vector<world::Command> commands;
    while (m_nextChaos < m_level.chaos.size() &&
           static_cast<double>(m_level.chaos[m_nextChaos].atSecond) <= levelSeconds) {
        const world::ChaosAction& action = m_level.chaos[m_nextChaos++];
        switch (action.kind) {
            case world::ChaosActionKind::DeletePod: {
                const std::string pod = podToDelete(action.deployment, pods);
                if (pod.empty()) {
                    const std::lock_guard lock(m_mutex);
                    m_problems.push_back("chaos delete-pod " + action.deployment + " at " +
                                         std::to_string(action.atSecond) + " s: no pod of it to delete");
                } else {
                    commands.emplace_back(world::RequestDeletePod{pod});
                }
                break;
            }
            case world::ChaosActionKind::SetWeights:
                commands.emplace_back(world::RequestWeights{weightsOf(action.weights)});
                break;
            case world::ChaosActionKind::Scale:
                commands.emplace_back(world::RequestScale{action.deployment, action.replicas});
                break;
        }
    }
    return commands;
}

std::string LevelDirector::podToDelete(const std::string& deployment, const world::PodBoard& pods) {
    std::string fallback;
    for (const auto& [name, pod] : pods.all()) {  // by name
        if (pod.gone || pod.observed.deployment != deployment || pod.requestInFlight) continue;
        if (pod.observed.state == world::PodState::Ready) return name;
        if (fallback.empty() && pod.observed.state != world::PodState::Terminating) fallback = name;
    }
    return fallback;
}

double LevelDirector::rateAt(double levelSeconds) const {
    const auto& traffic = m_level.traffic;
    if (traffic.doubleEverySeconds <= 0) return traffic.requestsPerSecond;
    const double doublings = std::floor(std::max(0.0, levelSeconds) / traffic.doubleEverySeconds);
    const double rate = traffic.requestsPerSecond * std::pow(2.0, std::min(doublings, 30.0));
    return std::min(rate, std::max(traffic.maxRequestsPerSecond, traffic.requestsPerSecond));
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

world::ReviewsWeights LevelDirector::weightsOf(const std::map<std::string, int>& initial) {
    world::ReviewsWeights weights;
    weights.defined = true;
    for (const auto& [subset, percent] : initial) {
        const auto version = common::reviewsVersionFromName(subset);
        if (version && *version != common::ReviewsVersion::None) {
            weights.percent.at(static_cast<std::size_t>(*version) - 1) = percent;
        }
    }
    return weights;
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
