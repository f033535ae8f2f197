#pragma once
// One request of the probe (`GET /productpage` through the ingress) as the
// bridge reads its answer: how complete the page was, which reviews version
// and pod answered, how long it took and which hop failed. Each becomes one
// meshling walking that path and one sample in the HUD's figures.
#include <string>

#include "common/vocabulary.hpp"

namespace meshlings::world {

struct ProbeResult {
    common::PageOutcome outcome = common::PageOutcome::Full;
    // Which version answered ("no stars", black, red); never Unknown (the bridge hands the world None for it).
    common::ReviewsVersion reviewsVersion = common::ReviewsVersion::None;
    std::string reviewsPod;  // "Reviews served by:"; empty when unknown
    int latencyMs = 0;
    common::PagePart failedAt = common::PagePart::None;  // Degraded/Failed: the part that failed; None for Full

    bool operator==(const ProbeResult&) const = default;
};

// A request counts as good (for success rate, the objectives and "saved")
// when the page is complete and took at most this long.
inline constexpr int kGoodLatencyMs = 1000;
bool isGood(const ProbeResult& probe);

}  // namespace meshlings::world
