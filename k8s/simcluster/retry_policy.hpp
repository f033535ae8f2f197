#pragma once
// One HTTP route's retry policy as Envoy runs it (VirtualService `retries`,
// or Istio's default when a route sets none): how many retries, the per-try
// timeout, and which outcomes of an attempt are worth another one
// (`retryOn`). docs/mesh-model.md gives the sources.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/rng.hpp"
#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

struct RetryPolicy {
    // retryOn conditions (Envoy's x-envoy-retry-on names).
    enum On : std::uint16_t {
        k5xx = 1U << 0U,
        kGatewayError = 1U << 1U,
        kConnectFailure = 1U << 2U,
        kReset = 1U << 3U,
        kRetriable4xx = 1U << 4U,
        kRefusedStream = 1U << 5U,
        kRetriableStatusCodes = 1U << 6U,
    };
    // How one attempt ended, as the retry state sees it.
    enum class Outcome { Response, ConnectFailure, PerTryTimeout };

    int retries = 2;           // attempts after the first
    Millis perTryTimeout = 0;  // 0: none
    std::uint16_t on = kConnectFailure | kRefusedStream | kRetriableStatusCodes;
    std::vector<int> statusCodes;  // retriable-status-codes (numbers in retryOn)

    // Istio's default (no `retries` on the route): 2 retries on
    // connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes
    // with no status codes (Istio >= 1.24 dropped 503).
    static RetryPolicy istioDefault() { return {}; }
    // From a VirtualService route's `retries` object.
    static RetryPolicy fromJson(const nlohmann::json& retries);

    bool shouldRetry(Outcome outcome, int code) const;
    // Envoy's fully jittered exponential back-off before retry number `retry`
    // (1-based): uniform in [0, min((2^retry - 1) x 25 ms, 250 ms)].
    static double backoffMs(int retry, common::Rng& rng);
};

}  // namespace meshlings::sim
