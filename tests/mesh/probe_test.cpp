// The probe against the built-in cluster's ingress, served in-process on
// loopback: the rate holds, every reviews version shows up under the default
// routing, a failing details service reads as degraded, a dead port as a
// transport failure, and a slow ingress does not slow the starts down (open
// model). Each case runs the probe for a second or two.
#include "mesh/probe.hpp"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "closed_port.hpp"
#include "mesh/page_classifier.hpp"
#include "mesh_cluster_fixture.hpp"

using meshlings::common::PageOutcome;
using meshlings::common::PagePart;
using meshlings::common::ReviewsVersion;
using meshlings::mesh::PageClassifier;
using meshlings::mesh::Probe;
using meshlings::mesh::ProbeOptions;
using meshlings::mesh::ProbeSample;
using meshlings::mesh::TransportFault;
using meshlings::mesh::testing::MeshClusterFixture;
using namespace std::chrono_literals;

namespace {

// Runs the probe for `duration`, then stops it and returns everything it observed.
std::vector<ProbeSample> runFor(Probe& probe, std::chrono::milliseconds duration) {
    probe.start();
    std::this_thread::sleep_for(duration);
    probe.stop();
    return probe.drain().requests;
}

// What the gateway says the upstream took, in ms (0 without the header).
int upstreamMs(const httplib::Response& page) {
    const std::string value = page.get_header_value("x-envoy-upstream-service-time");
    return value.empty() ? 0 : std::stoi(value);
}

double msBetween(ProbeSample::TimePoint from, ProbeSample::TimePoint to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

TEST_CASE("the built-in cluster's live pages classify as full, with the version the pod name says") {
    MeshClusterFixture cluster;
    std::set<ReviewsVersion> seen;
    for (int i = 0; i < 24; ++i) {
        const auto page = cluster.ingress().Get("/productpage");
        REQUIRE(page);
        const auto verdict = PageClassifier::classify(page->status, page->body);
        CAPTURE(describe(verdict));
        CHECK(verdict.outcome == PageOutcome::Full);
        CHECK(verdict.pageTemplate == meshlings::mesh::PageTemplate::Tailwind);
        REQUIRE(verdict.reviewsPod.rfind("reviews-v", 0) == 0);
        const char version = verdict.reviewsPod[9];
        CHECK(verdict.reviews == (version == '1'   ? ReviewsVersion::V1
                                  : version == '2' ? ReviewsVersion::V2
                                                   : ReviewsVersion::V3));
        CHECK(verdict.stars == (version == '1' ? 0 : 5));
        seen.insert(verdict.reviews);
    }
    CHECK(seen.size() == 3);
}

TEST_CASE("at 20 requests a second for 2 s the probe makes about 40, all full, every version seen") {
    MeshClusterFixture cluster;
    ProbeOptions options = ProbeOptions::forIngress(cluster.ingressUrl() + "/");
    CHECK(options.url == cluster.ingressUrl() + "/productpage");
    options.ratePerSecond = 20;
    Probe probe(options);
    const auto began = std::chrono::steady_clock::now();
    const auto samples = runFor(probe, 2000ms);
    const double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    const auto counters = probe.counters();
    MESSAGE("due " << counters.due << ", finished " << counters.finished << ", skipped " << counters.skipped
                   << ", connections " << counters.connectionsOpened << ", most in flight " << counters.peakInFlight);
    CHECK(counters.due >= 37);
    CHECK(counters.due <= 45);  // a loaded machine oversleeps a little
    CHECK(counters.skipped == 0);
    CHECK(samples.size() >= counters.due - 2);  // the last one or two may be cut off by stop()
    CHECK(counters.full == samples.size());
    // Kept alive and reused: a new connection only when every open one is busy.
    CHECK(counters.connectionsOpened >= 1);
    CHECK(counters.connectionsOpened <= static_cast<std::uint64_t>(counters.peakInFlight));
    std::set<ReviewsVersion> versions;
    std::set<std::uint64_t> sequences;
    for (const auto& sample : samples) {
        CHECK(sample.status == 200);
        CHECK(sample.fault == TransportFault::None);
        CHECK(sample.latencyMs > 0);
        CHECK(sample.latencyMs <= wallMs);  // milliseconds, within the run
        CHECK(sample.verdict.outcome == PageOutcome::Full);
        versions.insert(sample.verdict.reviews);
        sequences.insert(sample.sequence);
    }
    CHECK(versions == std::set<ReviewsVersion>{ReviewsVersion::V1, ReviewsVersion::V2, ReviewsVersion::V3});
    CHECK(sequences.size() == samples.size());
    CHECK_FALSE(probe.running());
    CHECK(probe.lastError().empty());
}

TEST_CASE("with details answering only errors the pages are degraded at details") {
    MeshClusterFixture cluster;
    REQUIRE(cluster.annotate("details-v1", "meshlings.dev/error-rate", "1"));
    REQUIRE(cluster.awaitPage([](const httplib::Result& page) {
        return page && PageClassifier::classify(page->status, page->body).detailsError;
    }));
    ProbeOptions options = ProbeOptions::forIngress(cluster.ingressUrl());
    options.ratePerSecond = 20;
    Probe probe(options);
    const auto samples = runFor(probe, 800ms);
    REQUIRE(samples.size() >= 10);
    for (const auto& sample : samples) {
        CAPTURE(describe(sample.verdict));
        CHECK(sample.status == 200);
        CHECK(sample.verdict.outcome == PageOutcome::Degraded);
        CHECK(sample.verdict.failedPart == PagePart::Details);
        CHECK(sample.verdict.reviews != ReviewsVersion::None);  // reviews still answered
    }
    CHECK(probe.counters().degraded == samples.size());
}

TEST_CASE("a port where nothing listens gives failed samples with a transport error") {
    ProbeOptions options =
        ProbeOptions::forIngress("http://127.0.0.1:" + std::to_string(meshlings::testing::closedLoopbackPort()));
    options.ratePerSecond = 20;
    Probe probe(options);
    const auto samples = runFor(probe, 500ms);
    REQUIRE(samples.size() >= 5);
    for (const auto& sample : samples) {
        CHECK(sample.status == 0);
        CHECK(sample.fault == TransportFault::Connect);
        CHECK_FALSE(sample.transportError.empty());
        CHECK(sample.verdict.outcome == PageOutcome::Failed);
        CHECK(sample.verdict.failedPart == PagePart::Ingress);
    }
    CHECK(probe.counters().transportErrors == samples.size());
}

TEST_CASE("a slow ingress does not slow the starts down (open model), and stop() is prompt") {
    MeshClusterFixture cluster;
    REQUIRE(cluster.annotate("productpage-v1", "meshlings.dev/latency-ms", "1200"));
    REQUIRE(cluster.awaitPage([](const httplib::Result& page) { return page && upstreamMs(*page) >= 1200; }));
    ProbeOptions options = ProbeOptions::forIngress(cluster.ingressUrl());
    options.ratePerSecond = 20;
    options.maxConcurrency = 64;
    Probe probe(options);
    probe.start();
    std::this_thread::sleep_for(1500ms);
    probe.setRate(0);  // no new starts; let the ones in flight land
    const auto startedBy = probe.counters();
    std::this_thread::sleep_for(1500ms);
    probe.stop();
    const auto samples = probe.drain().requests;
    CHECK(startedBy.due >= 27);
    CHECK(startedBy.due <= 34);
    CHECK(startedBy.skipped == 0);
    CHECK(samples.size() == startedBy.started);
    ProbeSample::TimePoint first = ProbeSample::TimePoint::max(), last{};
    for (const auto& sample : samples) {
        CHECK(sample.latencyMs >= 1200);
        CHECK(msBetween(sample.scheduledAt, sample.startedAt) < 250);  // started when due, not when a slot came back
        first = std::min(first, sample.startedAt);
        last = std::max(last, sample.startedAt);
    }
    CHECK(msBetween(first, last) > 1300);  // spread over the whole run, while each took 1.2 s

    // Concurrency exhausted: starts are skipped and counted, never queued.
    ProbeOptions narrow = options;
    narrow.maxConcurrency = 3;
    Probe limited(narrow);
    limited.start();
    std::this_thread::sleep_for(1000ms);
    const int abandoned = limited.counters().inFlight;
    const auto before = std::chrono::steady_clock::now();
    limited.stop();
    const double stopMs = msBetween(before, std::chrono::steady_clock::now());
    const auto counters = limited.counters();
    MESSAGE("stop() took " << stopMs << " ms with " << abandoned << " requests abandoned");
    CHECK(abandoned == 3);
    CHECK(stopMs < 250);
    CHECK(counters.started == 3);
    CHECK(counters.skipped >= 15);
    CHECK(counters.due == counters.started + counters.skipped);
    CHECK(counters.finished == 0);
    CHECK(counters.inFlight == 0);
}

TEST_CASE("the rate can change while the probe runs, and a timeout fails the request") {
    MeshClusterFixture cluster;
    ProbeOptions options = ProbeOptions::forIngress(cluster.ingressUrl());
    options.ratePerSecond = 10;
    Probe probe(options);
    probe.start();
    std::this_thread::sleep_for(1000ms);
    const auto atTen = probe.counters().due;
    probe.setRate(40);
    CHECK(probe.rate() == 40);
    std::size_t drained = probe.drain().requests.size();  // draining while it runs
    std::this_thread::sleep_for(1000ms);
    probe.stop();
    drained += probe.drain().requests.size();
    const auto counters = probe.counters();
    MESSAGE("due " << atTen << " at 10/s, then " << counters.due - atTen << " at 40/s");
    CHECK(atTen >= 9);
    CHECK(atTen <= 13);
    CHECK(counters.due - atTen >= 35);
    CHECK(counters.due - atTen <= 46);
    CHECK(drained == counters.finished);

    REQUIRE(cluster.annotate("productpage-v1", "meshlings.dev/latency-ms", "2000"));
    REQUIRE(cluster.awaitPage([](const httplib::Result& page) { return page && upstreamMs(*page) >= 2000; }));
    ProbeOptions impatient = options;
    impatient.timeout = 300ms;
    Probe timing(impatient);
    const auto samples = runFor(timing, 1000ms);
    REQUIRE(samples.size() >= 5);
    for (const auto& sample : samples) {
        CHECK(sample.fault == TransportFault::Timeout);
        CHECK(sample.latencyMs >= 290);
        CHECK(sample.latencyMs < 2000);  // cut off by the timeout, before the 2 s page
        CHECK(sample.verdict.outcome == PageOutcome::Failed);
    }
}
