#include "simcluster/outlier_policy.hpp"

#include <algorithm>

#include "simcluster/json_access.hpp"
#include "simcluster/mesh_config.hpp"

namespace meshlings::sim {

namespace {

Millis positiveDuration(const nlohmann::json& node, const char* key, Millis fallback) {
    const Millis parsed = MeshConfig::parseDuration(json_access::text(node, key));
    return parsed > 0 ? parsed : fallback;
}

int count(const nlohmann::json& node, const char* key, int fallback, int high) {
    return static_cast<int>(std::clamp<std::int64_t>(json_access::integer(node, key, fallback), 0, high));
}

}  // namespace

OutlierPolicy OutlierPolicy::fromJson(const nlohmann::json& outlierDetection) {
    OutlierPolicy policy;
    // consecutiveErrors is the deprecated name (502/503/504 only, like consecutiveGatewayErrors).
    const int legacy = count(outlierDetection, "consecutiveErrors", 0, 1000000);
    policy.consecutive5xx = count(outlierDetection, "consecutive5xxErrors", legacy > 0 ? 0 : 5, 1000000);
    policy.consecutiveGateway = count(outlierDetection, "consecutiveGatewayErrors", legacy, 1000000);
    policy.interval = positiveDuration(outlierDetection, "interval", policy.interval);
    policy.baseEjectionTime = positiveDuration(outlierDetection, "baseEjectionTime", policy.baseEjectionTime);
    policy.maxEjectionPercent = count(outlierDetection, "maxEjectionPercent", 10, 100);
    policy.minHealthPercent = count(outlierDetection, "minHealthPercent", 0, 100);
    return policy;
}

}  // namespace meshlings::sim
