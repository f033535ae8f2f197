// Probe samples become the world's ProbeObserved commands.
#include <doctest/doctest.h>

#include "probe_translator.hpp"

using namespace meshlings;

TEST_CASE("a full page, a degraded one and a failure map onto the world's probe results") {
    mesh::ProbeSample full;
    full.latencyMs = 12.6;
    full.verdict.outcome = mesh::PageOutcome::Full;
    full.verdict.reviews = mesh::ReviewsVersion::V3;
    full.verdict.reviewsPod = "reviews-v3-abc";
    const auto a = bridge::ProbeTranslator::translate(full);
    CHECK(a.outcome == world::ProbeOutcome::Full);
    CHECK(a.failedAt == world::Hop::None);
    CHECK(a.reviewsVersion == world::ReviewsVersion::V3);
    CHECK(a.reviewsPod == "reviews-v3-abc");
    CHECK(a.latencyMs == 13);

    mesh::ProbeSample degraded = full;
    degraded.verdict.outcome = mesh::PageOutcome::Degraded;
    degraded.verdict.failedPart = mesh::PagePart::Ratings;
    CHECK(bridge::ProbeTranslator::translate(degraded).failedAt == world::Hop::Ratings);

    mesh::ProbeSample failed;
    failed.fault = mesh::TransportFault::Connect;
    failed.verdict.outcome = mesh::PageOutcome::Failed;
    const auto c = bridge::ProbeTranslator::translate(failed);
    CHECK(c.outcome == world::ProbeOutcome::Failed);
    CHECK(c.failedAt == world::Hop::Ingress);
    CHECK(c.reviewsVersion == world::ReviewsVersion::None);

    mesh::TrafficBatch batch{{full, degraded, failed}, {}};
    CHECK(bridge::ProbeTranslator::commands(batch).size() == 3);
}
