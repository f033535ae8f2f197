#pragma once
// A DestinationRule's `outlierDetection` (top level, per port or per subset)
// with Istio's API defaults for the fields it leaves out. docs/mesh-model.md
// gives the sources.
#include <nlohmann/json.hpp>

#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

struct OutlierPolicy {
    int consecutive5xx = 5;      // 0: off
    int consecutiveGateway = 0;  // 0: off (Istio enforces it only when set)
    Millis interval = 10000;
    Millis baseEjectionTime = 30000;
    Millis maxEjectionTime = 300000;  // Envoy's max_ejection_time default
    int maxEjectionPercent = 10;
    int minHealthPercent = 0;  // Istio's default: panic mode off

    static OutlierPolicy fromJson(const nlohmann::json& outlierDetection);
};

}  // namespace meshlings::sim
