#include "world/model/resilience_settings.hpp"

#include <array>
#include <string_view>

namespace meshlings::world {
namespace {

constexpr int kMaxSkillMs = 600'000;
constexpr int kMaxSkillCount = 100'000;

// Envoy's router retry conditions Istio passes through (x-envoy-retry-on and the gRPC ones).
constexpr std::array<std::string_view, 13> kRetryConditions{"5xx",
                                                            "gateway-error",
                                                            "reset",
                                                            "connect-failure",
                                                            "envoy-ratelimited",
                                                            "retriable-4xx",
                                                            "refused-stream",
                                                            "retriable-status-codes",
                                                            "retriable-headers",
                                                            "cancelled",
                                                            "deadline-exceeded",
                                                            "resource-exhausted",
                                                            "unavailable"};

constexpr std::array<std::string_view, 4> kSkillServices{"productpage", "details", "reviews", "ratings"};

std::string skillRange(const char* field, int value, int lo, int hi) {
    if (value >= lo && value <= hi) return {};
    return std::string{field} + " must be " + std::to_string(lo) + ".." + std::to_string(hi) + ", got " +
           std::to_string(value);
}

bool knownRetryCondition(std::string_view word) {
    for (const std::string_view known : kRetryConditions) {
        if (known == word) return true;
    }
    return false;
}

}  // namespace

std::string RetrySettings::problem() const {
    if (std::string p = skillRange("attempts", attempts, 1, kMaxAttempts); !p.empty()) return p;
    if (std::string p = skillRange("perTryTimeout (ms)", perTryTimeoutMs, 0, kMaxSkillMs); !p.empty()) return p;
    if (retryOn.empty()) return "retryOn names no condition";
    std::string_view rest = retryOn;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string_view word = rest.substr(0, comma);
        if (!knownRetryCondition(word)) return "retryOn: unknown condition \"" + std::string{word} + "\"";
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    return {};
}

std::string TimeoutSettings::problem() const {
    return skillRange("timeout (ms)", timeoutMs, 1, kMaxSkillMs);
}

std::string BreakerSettings::problem() const {
    if (std::string p = skillRange("maxConnections", maxConnections, 1, kMaxSkillCount); !p.empty()) return p;
    return skillRange("http1MaxPendingRequests", maxPendingRequests, 1, kMaxSkillCount);
}

std::string EjectSettings::problem() const {
    if (std::string p = skillRange("consecutive5xxErrors", consecutiveErrors, 1, kMaxSkillCount); !p.empty()) return p;
    return skillRange("baseEjectionTime (s)", ejectionSeconds, 1, 3600);
}

bool isBookinfoService(const std::string& service) {
    for (const std::string_view known : kSkillServices) {
        if (known == service) return true;
    }
    return false;
}

}  // namespace meshlings::world
