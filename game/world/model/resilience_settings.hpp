#pragma once
// The values of the four resilience skills, as the player's dialog, a replay
// line and the bridge's patch carry them. Each struct is one Istio field:
//   RetrySettings    VirtualService http route `retries` (attempts, perTryTimeout, retryOn)
//   TimeoutSettings  VirtualService http route `timeout`
//   BreakerSettings  DestinationRule trafficPolicy.connectionPool (tcp.maxConnections, http.http1MaxPendingRequests)
//   EjectSettings    DestinationRule trafficPolicy.outlierDetection (consecutive5xxErrors, baseEjectionTime)
// The defaults are the dialog's starting values: ones that work on Bookinfo.
// problem() says why a value is out of range, or is empty.
#include <string>

namespace meshlings::world {

struct RetrySettings {
    static constexpr int kMaxAttempts = 10;
    int attempts = 3;
    int perTryTimeoutMs = 1000;                         // 0: no per-try timeout
    std::string retryOn = "5xx,connect-failure,reset";  // Envoy's retry conditions, comma separated
    std::string problem() const;
    bool operator==(const RetrySettings&) const = default;
};

struct TimeoutSettings {
    int timeoutMs = 2000;
    std::string problem() const;
    bool operator==(const TimeoutSettings&) const = default;
};

struct BreakerSettings {
    int maxConnections = 10;
    int maxPendingRequests = 5;
    std::string problem() const;
    bool operator==(const BreakerSettings&) const = default;
};

struct EjectSettings {
    int consecutiveErrors = 3;
    int ejectionSeconds = 30;  // baseEjectionTime (Envoy multiplies it by the times ejected)
    std::string problem() const;
    bool operator==(const EjectSettings&) const = default;
};

// The Bookinfo services a skill may name ("productpage", "details", "reviews", "ratings").
bool isBookinfoService(const std::string& service);

}  // namespace meshlings::world
