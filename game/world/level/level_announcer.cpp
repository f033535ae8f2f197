#include "world/level/level_announcer.hpp"

#include <cmath>
#include <cstdlib>

namespace meshlings::world {

namespace {

// "0.8" -> 80; nullopt-like -1 for text that is not a number.
int percentOf(const std::string& share) {
    char* end = nullptr;
    const double value = std::strtod(share.c_str(), &end);
    if (end == share.c_str()) return -1;
    return static_cast<int>(std::lround(value * 100));
}

}  // namespace

std::vector<std::string> LevelAnnouncer::due(double levelSeconds) {
    std::vector<std::string> lines;
    while (m_nextScripted < m_level.script.size() && m_level.script[m_nextScripted].atSecond <= levelSeconds) {
        lines.push_back(describe(m_level.script[m_nextScripted++].change));
    }
    while (m_nextChaos < m_level.chaos.size() && m_level.chaos[m_nextChaos].atSecond <= levelSeconds) {
        lines.push_back(describe(m_level.chaos[m_nextChaos++]));
    }
    return lines;
}

std::string LevelAnnouncer::describe(const WorkloadSetup& change) {
    std::vector<std::string> parts;
    for (const auto& [key, value] : change.annotations) {
        if (key == "meshlings.dev/error-rate") {
            const int percent = percentOf(value);
            parts.push_back(percent > 0 ? "starts failing (" + std::to_string(percent) + " %)" : "stops failing");
        } else if (key == "meshlings.dev/latency-ms") {
            parts.push_back(value == "0" ? "answers at full speed again" : "slows down (+" + value + " ms)");
        } else if (key == "meshlings.dev/startup-seconds") {
            parts.push_back("starts in " + value + " s");
        } else {
            parts.push_back(key + " = " + value);
        }
    }
    if (change.replicas) parts.push_back("scaled to " + std::to_string(*change.replicas));
    std::string line = change.deployment;
    for (std::size_t i = 0; i < parts.size(); ++i) line += (i == 0 ? " " : ", ") + parts[i];
    return parts.empty() ? line + " changes" : line;
}

std::string LevelAnnouncer::describe(const ChaosAction& action) {
    switch (action.kind) {
        case ChaosActionKind::DeletePod:
            return "chaos: deletes a pod of " + action.deployment;
        case ChaosActionKind::Scale:
            return "chaos: scales " + action.deployment + " to " + std::to_string(action.replicas);
        case ChaosActionKind::Retry:
            return "chaos: retries " + action.service + " (" + std::to_string(action.retry.attempts) + " attempts)";
        case ChaosActionKind::Timeout:
            return "chaos: times out " + action.service + " after " + std::to_string(action.timeout.timeoutMs) + " ms";
        case ChaosActionKind::CircuitBreaker:
            return "chaos: puts a circuit breaker on " + action.service;
        case ChaosActionKind::Eject:
            return "chaos: ejects failing " + action.service + " pods";
        case ChaosActionKind::NodeDown:
            return "chaos: takes node " + action.node + " down";
        case ChaosActionKind::NodeUp:
            return "chaos: brings node " + action.node + " back up";
        case ChaosActionKind::SetWeights:
            break;
    }
    std::string weights;
    for (const auto& [subset, percent] : action.weights) {
        weights += (weights.empty() ? "" : " ") + subset + " " + std::to_string(percent) + "%";
    }
    return "chaos: shifts reviews to " + weights;
}

}  // namespace meshlings::world
