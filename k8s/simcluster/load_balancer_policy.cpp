#include "simcluster/load_balancer_policy.hpp"

#include <algorithm>
#include <cctype>

#include "simcluster/json_access.hpp"

namespace meshlings::sim {

LoadBalancerPolicy LoadBalancerPolicy::fromJson(const nlohmann::json& loadBalancer) {
    LoadBalancerPolicy policy;
    const std::string simple = json_access::text(loadBalancer, "simple");
    if (simple == "ROUND_ROBIN")
        policy.kind = Kind::RoundRobin;
    else if (simple == "RANDOM" || simple == "PASSTHROUGH")  // PASSTHROUGH: no balancing of ours, modelled as random
        policy.kind = Kind::Random;
    // "LEAST_REQUEST", its deprecated name "LEAST_CONN", "UNSPECIFIED" and absent: Istio's default.
    const auto& hash = json_access::object(loadBalancer, "consistentHash");
    if (!hash.empty()) {
        policy.kind = Kind::ConsistentHash;
        policy.hashHeader = json_access::text(hash, "httpHeaderName");
        std::transform(policy.hashHeader.begin(), policy.hashHeader.end(), policy.hashHeader.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        policy.hashSourceIp = json_access::field(hash, "useSourceIp").is_boolean() && hash["useSourceIp"].get<bool>();
    }
    return policy;
}

}  // namespace meshlings::sim
