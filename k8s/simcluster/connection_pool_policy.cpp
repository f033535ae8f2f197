#include "simcluster/connection_pool_policy.hpp"

#include <algorithm>

#include "simcluster/json_access.hpp"

namespace meshlings::sim {

namespace {

// A limit as Istio reads it: 0 or absent keeps the default.
std::int64_t limit(const nlohmann::json& node, const char* key, std::int64_t fallback) {
    const std::int64_t value = json_access::integer(node, key, 0);
    return value > 0 ? std::min(value, ConnectionPoolPolicy::kUnlimited) : fallback;
}

}  // namespace

ConnectionPoolPolicy ConnectionPoolPolicy::fromJson(const nlohmann::json& connectionPool) {
    ConnectionPoolPolicy policy;
    const auto& tcp = json_access::object(connectionPool, "tcp");
    const auto& http = json_access::object(connectionPool, "http");
    policy.maxConnections = limit(tcp, "maxConnections", kUnlimited);
    policy.maxPendingRequests = limit(http, "http1MaxPendingRequests", kUnlimited);
    policy.maxRequests = limit(http, "http2MaxRequests", kUnlimited);
    policy.maxRequestsPerConnection = limit(http, "maxRequestsPerConnection", 0);
    policy.maxRetries = limit(http, "maxRetries", kUnlimited);
    return policy;
}

}  // namespace meshlings::sim
