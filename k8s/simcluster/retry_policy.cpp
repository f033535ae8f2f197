#include "simcluster/retry_policy.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>

#include "simcluster/json_access.hpp"
#include "simcluster/mesh_config.hpp"

namespace meshlings::sim {

RetryPolicy RetryPolicy::fromJson(const nlohmann::json& retries) {
    RetryPolicy policy;  // Istio keeps the default retryOn when `retryOn` is empty
    policy.retries = static_cast<int>(std::clamp<std::int64_t>(json_access::integer(retries, "attempts", 0), 0, 10));
    policy.perTryTimeout =
        std::max<Millis>(0, MeshConfig::parseDuration(json_access::text(retries, "perTryTimeout", "0s")));
    const std::string text = json_access::text(retries, "retryOn");
    if (text.empty()) return policy;
    policy.on = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string item = text.substr(start, comma - start);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item == "5xx")
            policy.on |= k5xx;
        else if (item == "gateway-error")
            policy.on |= kGatewayError;
        else if (item == "connect-failure")
            policy.on |= kConnectFailure;
        else if (item == "reset")
            policy.on |= kReset;
        else if (item == "retriable-4xx")
            policy.on |= kRetriable4xx;
        else if (item == "refused-stream")
            policy.on |= kRefusedStream;
        else if (item == "retriable-status-codes")
            policy.on |= kRetriableStatusCodes;
        else if (!item.empty() && item.find_first_not_of("0123456789") == std::string::npos && item.size() == 3) {
            // Istio turns a number in retryOn into retriable-status-codes with that code.
            policy.on |= kRetriableStatusCodes;
            policy.statusCodes.push_back(std::atoi(item.c_str()));
        }
        // gRPC conditions (cancelled, unavailable, ...) never occur over Bookinfo's HTTP/1.1.
        start = comma + 1;
    }
    return policy;
}

bool RetryPolicy::shouldRetry(Outcome outcome, int code) const {
    switch (outcome) {
        case Outcome::ConnectFailure:
            return (on & (k5xx | kGatewayError | kReset | kConnectFailure)) != 0;
        case Outcome::PerTryTimeout:
            return (on & (k5xx | kGatewayError | kReset)) != 0;
        case Outcome::Response:
            break;
    }
    if ((on & k5xx) != 0 && code >= 500 && code <= 599) return true;
    if ((on & kGatewayError) != 0 && code >= 502 && code <= 504) return true;
    if ((on & kRetriable4xx) != 0 && code == 409) return true;
    if ((on & kRetriableStatusCodes) != 0) {
        return std::find(statusCodes.begin(), statusCodes.end(), code) != statusCodes.end();
    }
    return false;
}

double RetryPolicy::backoffMs(int retry, common::Rng& rng) {
    const double ceiling = std::min(25.0 * static_cast<double>((1U << std::min(retry, 8)) - 1U), 250.0);
    return rng.unit() * ceiling;
}

}  // namespace meshlings::sim
