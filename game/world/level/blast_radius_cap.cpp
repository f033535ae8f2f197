#include "world/level/blast_radius_cap.hpp"

#include <algorithm>

namespace meshlings::world {
namespace {

constexpr const char* kLastReadyRule = "(safety: allow-last-ready-pod-delete)";

// Ready pods of `deployment` that are not gone and not being deleted.
int readyStaying(const std::string& deployment, const PodBoard& pods, const std::string& except) {
    return static_cast<int>(std::count_if(pods.all().begin(), pods.all().end(), [&](const auto& entry) {
        const Pod& p = entry.second;
        return entry.first != except && !p.gone && !p.requestInFlight && p.observed.deployment == deployment &&
               p.observed.state == PodState::Ready;
    }));
}

}  // namespace

std::string BlastRadiusCap::checkDelete(const Pod& pod, const PodBoard& pods, Tick now) const {
    if (const int sent = sentWithin(now); sent >= m_rules.maxDeletesPerMinute) {
        return "refused: " + std::to_string(sent) +
               " deletes in the last 60 s already (safety: max-deletes-per-minute " +
               std::to_string(m_rules.maxDeletesPerMinute) + ")";
    }
    if (m_rules.allowLastReadyPodDelete || pod.observed.state != PodState::Ready) return {};
    const std::string& deployment = pod.observed.deployment;
    // A pod no Deployment owns is its own last Ready pod.
    if (deployment.empty() || readyStaying(deployment, pods, pod.observed.name) == 0) {
        const std::string owner = deployment.empty() ? pod.observed.name : deployment;
        return "refused: " + owner + " has no other Ready pod " + kLastReadyRule;
    }
    return {};
}

std::string BlastRadiusCap::checkScale(const std::string& deployment, int replicas, const PodBoard& pods) const {
    if (m_rules.allowLastReadyPodDelete || replicas > 0) return {};
    if (readyStaying(deployment, pods, {}) == 0) return {};
    return "refused: scaling " + deployment + " to 0 removes its last Ready pod " + kLastReadyRule;
}

void BlastRadiusCap::deleteSent(Tick now) {
    while (!m_sent.empty() && now - m_sent.front() >= kWindowTicks) m_sent.pop_front();
    m_sent.push_back(now);
}

int BlastRadiusCap::sentWithin(Tick now) const {
    return static_cast<int>(
        std::count_if(m_sent.begin(), m_sent.end(), [&](Tick sent) { return now - sent < kWindowTicks; }));
}

}  // namespace meshlings::world
