// Probe samples become the world's ProbeObserved commands.
#include "bridge/probe_translator.hpp"

#include <doctest/doctest.h>

using namespace meshlings;

TEST_CASE("a full page, a degraded one and a failure become the world's probe results") {
    mesh::ProbeSample full;
    full.latencyMs = 12.6;
    full.verdict.outcome = common::PageOutcome::Full;
    full.verdict.reviews = common::ReviewsVersion::V3;
    full.verdict.reviewsPod = "reviews-v3-abc";
    const auto a = bridge::ProbeTranslator::translate(full);
    CHECK(a.outcome == common::PageOutcome::Full);
    CHECK(a.failedAt == common::PagePart::None);
    CHECK(a.reviewsVersion == common::ReviewsVersion::V3);
    CHECK(a.reviewsPod == "reviews-v3-abc");
    CHECK(a.latencyMs == 13);

    mesh::ProbeSample degraded = full;
    degraded.verdict.outcome = common::PageOutcome::Degraded;
    degraded.verdict.failedPart = common::PagePart::Ratings;
    CHECK(bridge::ProbeTranslator::translate(degraded).failedAt == common::PagePart::Ratings);

    // Stars the probe cannot place (ratings failed, the pod name does not say): the world is told no version.
    mesh::ProbeSample unplaced = degraded;
    unplaced.verdict.reviews = common::ReviewsVersion::Unknown;
    CHECK(bridge::ProbeTranslator::translate(unplaced).reviewsVersion == common::ReviewsVersion::None);

    mesh::ProbeSample failed;
    failed.fault = mesh::TransportFault::Connect;
    failed.verdict.outcome = common::PageOutcome::Failed;
    const auto c = bridge::ProbeTranslator::translate(failed);
    CHECK(c.outcome == common::PageOutcome::Failed);
    CHECK(c.failedAt == common::PagePart::Ingress);
    CHECK(c.reviewsVersion == common::ReviewsVersion::None);

    mesh::TrafficBatch batch{{full, degraded, failed}, {}};
    CHECK(bridge::ProbeTranslator::commands(batch).size() == 3);
}
