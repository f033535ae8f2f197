#pragma once
// A DestinationRule's `loadBalancer` (top level, per port or per subset):
// Istio's `simple` algorithms and `consistentHash` on a header or the
// source IP. LEAST_REQUEST is Istio's default. docs/mesh-model.md gives the
// sources.
#include <nlohmann/json.hpp>
#include <string>

namespace meshlings::sim {

struct LoadBalancerPolicy {
    enum class Kind { LeastRequest, RoundRobin, Random, ConsistentHash };
    Kind kind = Kind::LeastRequest;
    std::string hashHeader;     // consistentHash.httpHeaderName (lower case)
    bool hashSourceIp = false;  // consistentHash.useSourceIp

    static LoadBalancerPolicy fromJson(const nlohmann::json& loadBalancer);
};

}  // namespace meshlings::sim
