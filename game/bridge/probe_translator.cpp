#include "probe_translator.hpp"

#include <cmath>
#include <limits>

namespace meshlings::bridge {

world::ProbeResult ProbeTranslator::translate(const mesh::ProbeSample& sample) {
    world::ProbeResult result;
    const mesh::PageVerdict& verdict = sample.verdict;
    result.outcome = outcome(verdict.outcome);
    result.failedAt = result.outcome == world::ProbeOutcome::Full ? world::Hop::None : hop(verdict.failedPart);
    if (result.outcome != world::ProbeOutcome::Full && result.failedAt == world::Hop::None) {
        result.failedAt = world::Hop::Ingress;  // a failure with no part named happened on the way in
    }
    result.reviewsVersion = version(verdict.reviews);
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

world::ProbeOutcome ProbeTranslator::outcome(mesh::PageOutcome outcome) {
    switch (outcome) {
        case mesh::PageOutcome::Full: return world::ProbeOutcome::Full;
        case mesh::PageOutcome::Degraded: return world::ProbeOutcome::Degraded;
        case mesh::PageOutcome::Failed: return world::ProbeOutcome::Failed;
    }
    return world::ProbeOutcome::Failed;
}

world::Hop ProbeTranslator::hop(mesh::PagePart part) {
    switch (part) {
        case mesh::PagePart::None: return world::Hop::None;
        case mesh::PagePart::Ingress: return world::Hop::Ingress;
        case mesh::PagePart::Productpage: return world::Hop::ProductPage;
        case mesh::PagePart::Details: return world::Hop::Details;
        case mesh::PagePart::Reviews: return world::Hop::Reviews;
        case mesh::PagePart::Ratings: return world::Hop::Ratings;
    }
    return world::Hop::None;
}

world::ReviewsVersion ProbeTranslator::version(mesh::ReviewsVersion version) {
    switch (version) {
        case mesh::ReviewsVersion::V1: return world::ReviewsVersion::V1;
        case mesh::ReviewsVersion::V2: return world::ReviewsVersion::V2;
        case mesh::ReviewsVersion::V3: return world::ReviewsVersion::V3;
        case mesh::ReviewsVersion::None:
        case mesh::ReviewsVersion::Unknown: return world::ReviewsVersion::None;
    }
    return world::ReviewsVersion::None;
}

}  // namespace meshlings::bridge
