#include "bridge/telemetry_translator.hpp"

#include <algorithm>
#include <cmath>

namespace meshlings::bridge {

std::optional<world::MapNode> TelemetryTranslator::node(const std::string& workload, const std::string& service) {
    if (workload == "istio-ingressgateway") return world::MapNode::Ingress;
    if (workload == "unknown") {
        if (service == "reviews") return world::MapNode::Reviews;  // the junction: no version was reached
        return world::BookinfoMap::nodeForPod(service, "");
    }
    const auto dash = workload.rfind('-');
    if (dash == std::string::npos) return std::nullopt;
    return world::BookinfoMap::nodeForPod(workload.substr(0, dash), workload.substr(dash + 1));
}

world::TelemetryObserved TelemetryTranslator::translate(const mesh::TelemetryReading& reading) {
    world::TelemetryObserved out;
    out.connected = reading.ok;
    out.failedStep = reading.step;
    out.message = reading.error;
    struct Sum {
        double rate = 0;
        double failures = 0;
    };
    std::vector<std::pair<std::pair<world::MapNode, world::MapNode>, Sum>> sums;  // in first-seen order
    for (const mesh::EdgeTraffic& edge : reading.edges) {
        const auto from = node(edge.source, edge.service);
        const auto to = node(edge.destination, edge.service);
        if (!from || !to || *from == *to) continue;
        auto it = std::find_if(sums.begin(), sums.end(), [&](const auto& s) {
            return s.first == std::pair{*from, *to};
        });
        if (it == sums.end()) it = sums.insert(sums.end(), {{*from, *to}, Sum{}});
        it->second.rate += edge.rate;
        it->second.failures += edge.failureRate;
    }
    for (const auto& [nodes, sum] : sums) {
        const int milli = static_cast<int>(std::lround(std::min(sum.rate, 1e6) * 1000));
        if (milli <= 0) continue;
        const int permille = static_cast<int>(std::lround(std::clamp(sum.failures / sum.rate, 0.0, 1.0) * 1000));
        out.edges.push_back(world::TelemetryEdge{nodes.first, nodes.second, milli, permille});
    }
    return out;
}

std::vector<world::Command> TelemetryTranslator::commands(const mesh::TrafficBatch& batch) {
    std::vector<world::Command> out;
    out.reserve(batch.telemetry.size());
    for (const mesh::TelemetryReading& reading : batch.telemetry) out.emplace_back(translate(reading));
    return out;
}

}  // namespace meshlings::bridge
