// The Prometheus reader's edges as the world's TelemetryObserved: workloads
// placed on the map, edges on one walkway summed, foreign ones left out,
// a failed reading carried with its step.
#include "bridge/telemetry_translator.hpp"

#include <doctest/doctest.h>

using meshlings::bridge::TelemetryTranslator;
using meshlings::mesh::EdgeTraffic;
using meshlings::mesh::TelemetryReading;
using meshlings::world::MapNode;
using meshlings::world::TelemetryEdge;

TEST_CASE("workloads and unknown destinations find their place on the map") {
    CHECK(TelemetryTranslator::node("istio-ingressgateway", "productpage") == MapNode::Ingress);
    CHECK(TelemetryTranslator::node("productpage-v1", "productpage") == MapNode::ProductPage);
    CHECK(TelemetryTranslator::node("reviews-v3", "reviews") == MapNode::ReviewsV3);
    CHECK(TelemetryTranslator::node("ratings-v1", "ratings") == MapNode::Ratings);
    CHECK(TelemetryTranslator::node("unknown", "reviews") == MapNode::Reviews);
    CHECK(TelemetryTranslator::node("unknown", "details") == MapNode::Details);
    CHECK_FALSE(TelemetryTranslator::node("unknown", "unknown"));
    CHECK_FALSE(TelemetryTranslator::node("prometheus-server", "prometheus"));
    CHECK_FALSE(TelemetryTranslator::node("kiali", "kiali"));
}

TEST_CASE("a reading's edges become walkway rates in milli-requests per second and failures per mille") {
    TelemetryReading reading;
    reading.ok = true;
    reading.edges = {
        EdgeTraffic{"istio-ingressgateway", "productpage-v1", "productpage", 19.9994, 0},
        EdgeTraffic{"productpage-v1", "details-v1", "details", 20, 8},
        EdgeTraffic{"productpage-v1", "details-v2", "details", 5, 0},         // another version, the same walkway
        EdgeTraffic{"istio-ingressgateway", "unknown", "productpage", 5, 5},  // 404 NR: dies on the same walkway
        EdgeTraffic{"unknown", "kiali", "kiali", 3, 0},                       // not Bookinfo
        EdgeTraffic{"productpage-v1", "details-v1", "details", 0, 0},         // idle
    };
    const auto observed = TelemetryTranslator::translate(reading);
    CHECK(observed.connected);
    CHECK(observed.failedStep.empty());
    CHECK(observed.edges == std::vector<TelemetryEdge>{{MapNode::Ingress, MapNode::ProductPage, 24999, 200},
                                                       {MapNode::ProductPage, MapNode::Details, 25000, 320}});
    // alone, the requests that never reached a pod all fail
    reading.edges = {EdgeTraffic{"istio-ingressgateway", "unknown", "productpage", 5, 5}};
    CHECK(TelemetryTranslator::translate(reading).edges ==
          std::vector<TelemetryEdge>{{MapNode::Ingress, MapNode::ProductPage, 5000, 1000}});
}

TEST_CASE("a failed reading carries its step and message, no edges") {
    const TelemetryReading down{false, "destination traffic", "Prometheus destination traffic: cannot read x", {}};
    meshlings::mesh::TrafficBatch batch;
    batch.telemetry = {down};
    const auto commands = TelemetryTranslator::commands(batch);
    REQUIRE(commands.size() == 1);
    const auto& observed = std::get<meshlings::world::TelemetryObserved>(commands[0]);
    CHECK_FALSE(observed.connected);
    CHECK(observed.failedStep == "destination traffic");
    CHECK(observed.message == "Prometheus destination traffic: cannot read x");
    CHECK(observed.edges.empty());
}
