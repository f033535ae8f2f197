#include "bridge/probe_translator.hpp"

#include <cmath>
#include <limits>

namespace meshlings::bridge {

world::ProbeResult ProbeTranslator::translate(const mesh::ProbeSample& sample) {
    world::ProbeResult result;
    const mesh::PageVerdict& verdict = sample.verdict;
    result.outcome = verdict.outcome;
    result.failedAt = result.outcome == common::PageOutcome::Full ? common::PagePart::None : verdict.failedPart;
    if (result.outcome != common::PageOutcome::Full && result.failedAt == common::PagePart::None) {
        result.failedAt = common::PagePart::Ingress;  // a failure with no part named happened on the way in
    }
    // The world draws a badge only for a version it can name: reviews it cannot tell apart count as none.
    result.reviewsVersion =
        verdict.reviews == common::ReviewsVersion::Unknown ? common::ReviewsVersion::None : verdict.reviews;
    result.reviewsPod = verdict.reviewsPod;
    const double millis = std::round(std::max(0.0, sample.latencyMs));
    constexpr double kMaxMillis = static_cast<double>(std::numeric_limits<int>::max());
    result.latencyMs = static_cast<int>(std::min(millis, kMaxMillis));
    return result;
}

std::vector<world::Command> ProbeTranslator::commands(const mesh::TrafficBatch& batch) {
    std::vector<world::Command> out;
    out.reserve(batch.requests.size());
    for (const auto& sample : batch.requests) out.emplace_back(command(sample));
    return out;
}

}  // namespace meshlings::bridge
