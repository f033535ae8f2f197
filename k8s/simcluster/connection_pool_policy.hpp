#pragma once
// A DestinationRule's `connectionPool` (top level, per port or per subset)
// with Istio's defaults for the fields it leaves out: Envoy's circuit
// breaker thresholds for one upstream cluster. docs/mesh-model.md gives the
// sources.
#include <cstdint>
#include <nlohmann/json.hpp>

namespace meshlings::sim {

struct ConnectionPoolPolicy {
    static constexpr std::int64_t kUnlimited = 4294967295;  // 2^32-1, Istio's default for each limit

    std::int64_t maxConnections = kUnlimited;      // tcp.maxConnections
    std::int64_t maxPendingRequests = kUnlimited;  // http.http1MaxPendingRequests
    std::int64_t maxRequests = kUnlimited;         // http.http2MaxRequests
    std::int64_t maxRequestsPerConnection = 0;     // http.maxRequestsPerConnection (0: no limit)
    std::int64_t maxRetries = kUnlimited;          // http.maxRetries

    static ConnectionPoolPolicy fromJson(const nlohmann::json& connectionPool);
};

}  // namespace meshlings::sim
