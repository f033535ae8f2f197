#pragma once
// One request of the probe (`GET /productpage` through the ingress) as the
// bridge reads its answer: how complete the page was, which reviews version
// and pod answered, how long it took and which hop failed. Each becomes one
// meshling walking that path and one sample in the HUD's figures.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "reviews_weights.hpp"

namespace meshlings::world {

enum class ProbeOutcome : std::uint8_t {
    Full,      // HTTP 200, complete page
    Degraded,  // HTTP 200 but a part is "unavailable" (details, reviews or ratings)
    Failed,    // no page: 5xx, timeout, connection refused
};

// A hop of the request's path, used for where it failed.
enum class Hop : std::uint8_t { None, Ingress, ProductPage, Details, Reviews, Ratings };

struct ProbeResult {
    ProbeOutcome outcome = ProbeOutcome::Full;
    ReviewsVersion reviewsVersion = ReviewsVersion::None;  // which version answered ("no stars", black, red)
    std::string reviewsPod;                                // "Reviews served by:"; empty when unknown
    int latencyMs = 0;
    Hop failedAt = Hop::None;  // Degraded/Failed: the part that failed; None for Full

    bool operator==(const ProbeResult&) const = default;
};

// A request counts as good (for success rate, the objectives and "saved")
// when the page is complete and took at most this long.
inline constexpr int kGoodLatencyMs = 1000;
bool isGood(const ProbeResult& probe);

std::string_view probeOutcomeName(ProbeOutcome outcome);  // "full", "degraded", "failed"
std::optional<ProbeOutcome> probeOutcomeFromName(std::string_view name);
std::string_view hopName(Hop hop);  // "", "ingress", "productpage", "details", "reviews", "ratings"
std::optional<Hop> hopFromName(std::string_view name);

}  // namespace meshlings::world
