#include "world/level/chaos_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::world {

ReviewsWeights weightsOfSubsets(const std::map<std::string, int>& bySubset) {
    ReviewsWeights weights;
    weights.defined = true;
    for (const auto& [subset, percent] : bySubset) {
        const auto version = common::reviewsVersionFromName(subset);
        if (version && *version != common::ReviewsVersion::None) {
            weights.percent.at(static_cast<std::size_t>(*version) - 1) = percent;
        }
    }
    return weights;
}

ChaosSchedule::Due ChaosSchedule::due(double levelSeconds, const PodBoard& pods) {
    Due due;
    while (m_next < m_level.chaos.size() && static_cast<double>(m_level.chaos[m_next].atSecond) <= levelSeconds) {
        const ChaosAction& action = m_level.chaos[m_next++];
        switch (action.kind) {
            case ChaosActionKind::DeletePod: {
                const std::string pod = podToDelete(action.deployment, pods);
                if (pod.empty()) {
                    due.problems.push_back("chaos delete-pod " + action.deployment + " at " +
                                           std::to_string(action.atSecond) + " s: no pod of it to delete");
                } else {
                    due.commands.emplace_back(RequestDeletePod{pod});
                }
                break;
            }
            case ChaosActionKind::SetWeights:
                due.commands.emplace_back(RequestWeights{weightsOfSubsets(action.weights)});
                break;
            case ChaosActionKind::Scale:
                due.commands.emplace_back(RequestScale{action.deployment, action.replicas});
                break;
            case ChaosActionKind::Retry:
                due.commands.emplace_back(RequestRetry{action.service, action.retry});
                break;
            case ChaosActionKind::Timeout:
                due.commands.emplace_back(RequestTimeout{action.service, action.timeout});
                break;
            case ChaosActionKind::CircuitBreaker:
                due.commands.emplace_back(RequestCircuitBreaker{action.service, action.breaker});
                break;
            case ChaosActionKind::Eject:
                due.commands.emplace_back(RequestEject{action.service, action.eject});
                break;
            case ChaosActionKind::NodeDown:
            case ChaosActionKind::NodeUp:
                due.commands.emplace_back(RequestNodeKubelet{action.node, action.kind == ChaosActionKind::NodeDown});
                break;
        }
    }
    return due;
}

std::string ChaosSchedule::podToDelete(const std::string& deployment, const PodBoard& pods) {
    std::string fallback;
    for (const auto& [name, pod] : pods.all()) {  // by name
        if (pod.gone || pod.observed.deployment != deployment || pod.requestInFlight) continue;
        if (pod.observed.state == PodState::Ready) return name;
        if (fallback.empty() && pod.observed.state != PodState::Terminating) fallback = name;
    }
    return fallback;
}

double ChaosSchedule::rateAt(double levelSeconds) const {
    const auto& traffic = m_level.traffic;
    if (traffic.doubleEverySeconds <= 0) return traffic.requestsPerSecond;
    const double doublings = std::floor(std::max(0.0, levelSeconds) / traffic.doubleEverySeconds);
    const double rate = traffic.requestsPerSecond * std::pow(2.0, std::min(doublings, 30.0));
    return std::min(rate, std::max(traffic.maxRequestsPerSecond, traffic.requestsPerSecond));
}

}  // namespace meshlings::world
