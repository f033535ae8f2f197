// The Prometheus side of mesh telemetry without a Prometheus: Kiali's edge
// queries as text, answers recorded from a real Prometheus 2.42 scraping
// the built-in cluster (tests/mesh/telemetry/*.json) decoded into edges,
// every kind of bad answer as an error naming the step, and a Prometheus
// that is not there as a failed reading, retried, on the source's thread.
// The comparison with a running Prometheus is prometheus_it.cpp.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <thread>

#include "mesh/prometheus_answer.hpp"
#include "mesh/prometheus_client.hpp"
#include "mesh/telemetry_error.hpp"
#include "mesh/telemetry_query.hpp"
#include "mesh/telemetry_source.hpp"
#include "prometheus_process.hpp"

using meshlings::mesh::decodeEdgeAnswer;
using meshlings::mesh::EdgeTraffic;
using meshlings::mesh::kialiEdgeQueries;
using meshlings::mesh::PrometheusClient;
using meshlings::mesh::TelemetryError;
using meshlings::mesh::TelemetryOptions;
using meshlings::mesh::TelemetryQuery;
using meshlings::mesh::TelemetryReading;
using meshlings::mesh::TelemetrySource;
using namespace std::chrono_literals;

namespace {

std::string recorded(const std::string& name) {
    std::ifstream in(std::string(MESHLINGS_MESH_TELEMETRY) + "/" + name);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

const TelemetryQuery kStep{"destination traffic", "(unused)"};

// libcurl's connect error says how long the attempt took ("... port 41234 after 1 ms: Couldn't connect to
// server"), so two failures of the same kind differ there: compare the text with the elapsed time masked.
std::string withoutElapsed(const std::string& error) {
    static const std::regex elapsed(" after [0-9]+ ms");
    return std::regex_replace(error, elapsed, " after # ms");
}

std::string errorOf(const std::string& body) {
    try {
        decodeEdgeAnswer(body, kStep);
    } catch (const TelemetryError& error) {
        CHECK(error.step() == "destination traffic");
        return error.what();
    }
    return "(decoded)";
}

std::string answerWith(const std::string& rows) {
    return R"({"status":"success","data":{"resultType":"vector","result":[)" + rows + "]}}";
}

std::string row(const std::string& code, const std::string& flags, const std::string& value) {
    return R"({"metric":{"source_workload":"productpage-v1","destination_workload":"details-v1",)"
           R"("destination_service_name":"details","response_code":")" +
           code + R"(","response_flags":")" + flags + R"("},"value":[1795704341.02,")" + value + R"("]})";
}

}  // namespace

TEST_CASE("Kiali's two edge queries, for the namespace and window asked") {
    const auto queries = kialiEdgeQueries("bookinfo", 60);
    REQUIRE(queries.size() == 2);
    CHECK(queries[0].step == "destination traffic");
    CHECK(queries[0].promql ==
          "sum(rate(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"bookinfo\"}[60s])) "
          "by (source_workload_namespace,source_workload,destination_service_namespace,destination_service_name,"
          "destination_workload_namespace,destination_workload,response_code,response_flags)");
    CHECK(queries[1].step == "traffic to unknown destinations");
    CHECK(queries[1].promql.find("{reporter=\"source\",destination_workload=\"unknown\","
                                 "destination_service_namespace=\"bookinfo\"}[60s]") != std::string::npos);
    CHECK(kialiEdgeQueries("default", 0)[0].promql.find("[1s]") != std::string::npos);
    CHECK_THROWS_WITH_AS(kialiEdgeQueries("Book\"info", 60),
                         "telemetry namespace \"Book\"info\" is not a Kubernetes name", std::invalid_argument);
}

TEST_CASE("a recorded destination-reported answer becomes one edge per workload pair") {
    const auto edges = decodeEdgeAnswer(recorded("destination_answer.json"), kStep);
    std::map<std::string, EdgeTraffic> byPair;
    for (const auto& edge : edges) byPair[edge.source + ">" + edge.destination] = edge;
    REQUIRE(byPair.size() == 7);
    CHECK(byPair["istio-ingressgateway>productpage-v1"].rate == doctest::Approx(4.444444444444445));
    CHECK(byPair["istio-ingressgateway>productpage-v1"].service == "productpage");
    CHECK(byPair["reviews-v3>ratings-v1"].rate == doctest::Approx(2));
    CHECK(byPair["productpage-v1>reviews-v1"].rate == doctest::Approx(1.3333333333333335));
    for (const auto& edge : edges) {
        CHECK(edge.failureRate == 0);
        CHECK(edge.reachedPod());
    }
}

TEST_CASE("a recorded answer of requests that never reached a pod: destination unknown, all failed") {
    const auto edges = decodeEdgeAnswer(recorded("unknown_answer.json"), kStep);
    REQUIRE(edges.size() == 1);
    CHECK(edges[0].source == "istio-ingressgateway");
    CHECK(edges[0].destination == "unknown");
    CHECK(edges[0].service == "productpage");
    CHECK_FALSE(edges[0].reachedPod());
    CHECK(edges[0].failureShare() == doctest::Approx(1.0));  // 404 with flag NR
}

TEST_CASE("rows of one edge add up; 5xx, code 0 and any flag count as failures; idle rows are left out") {
    const auto edges =
        decodeEdgeAnswer(answerWith(row("200", "-", "6") + "," + row("500", "-", "1.5") + "," +
                                    row("200", "UF", "0.5") + "," + row("0", "-", "1") + "," + row("404", "-", "1") +
                                    "," + row("200", "-", "NaN") + "," + row("503", "-", "0")),
                         kStep);
    REQUIRE(edges.size() == 1);
    CHECK(edges[0].rate == doctest::Approx(10));
    CHECK(edges[0].failureRate == doctest::Approx(3));
    CHECK(edges[0].failureShare() == doctest::Approx(0.3));
    CHECK(decodeEdgeAnswer(answerWith(""), kStep).empty());
}

TEST_CASE("every bad answer is an error naming the step and what was wrong") {
    CHECK(
        errorOf(recorded("bad_data_answer.json")) ==
        "Prometheus destination traffic: status \"error\" (bad_data): invalid parameter \"query\": 1:34: parse error: "
        "unclosed left parenthesis");
    CHECK(errorOf(recorded("matrix_answer.json")) ==
          "Prometheus destination traffic: resultType \"matrix\", not vector");
    CHECK(errorOf("<html>502 Bad Gateway</html>") ==
          "Prometheus destination traffic: the answer is not JSON: \"<html>502 Bad Gateway</html>\"");
    CHECK(errorOf(R"({"status":"success"})") == "Prometheus destination traffic: the answer has no data object");
    CHECK(errorOf(R"({"status":"success","data":{"resultType":"vector","result":{}}})") ==
          "Prometheus destination traffic: data.result is not a list");
    CHECK(errorOf(answerWith(row("200", "-", "fast"))) ==
          "Prometheus destination traffic: a result's value \"fast\" is not a number");
    CHECK(errorOf(answerWith(R"({"metric":{},"value":[1]})")) ==
          "Prometheus destination traffic: a result has no [time, \"value\"] pair");
    CHECK(errorOf(answerWith(R"({"value":[1,"2"]})")) ==
          "Prometheus destination traffic: a result has no metric object");
}

TEST_CASE("a URL that is not http(s) is refused before any thread starts") {
    CHECK_THROWS_WITH_AS(PrometheusClient("localhost:9090"),
                         "--prometheus \"localhost:9090\" is not an http:// or https:// URL", std::invalid_argument);
    CHECK_THROWS_AS(TelemetrySource(TelemetryOptions{"ftp://x", "default", 30, 100, 500}), std::invalid_argument);
}

TEST_CASE("Prometheus down: each poll is a failed reading naming the step, retried until stopped") {
    const std::string url = "http://127.0.0.1:" + std::to_string(meshlings::mesh::testing::freeLoopbackPort());
    TelemetrySource source(TelemetryOptions{url, "default", 30, 20, 1000});
    const TelemetryReading once = source.readOnce();
    CHECK_FALSE(once.ok);
    CHECK(once.step == "destination traffic");
    CHECK(once.error.find("Prometheus destination traffic: cannot read " + url + ": ") == 0);
    CHECK(once.edges.empty());

    source.start();
    std::vector<TelemetryReading> readings;
    for (int i = 0; i < 200 && readings.size() < 3; ++i) {
        for (auto& reading : source.drain().telemetry) readings.push_back(std::move(reading));
        std::this_thread::sleep_for(10ms);
    }
    CHECK(source.running());
    source.stop();
    CHECK_FALSE(source.running());
    REQUIRE(readings.size() >= 3);  // retried: the thread did not end at the first failure
    for (const auto& reading : readings) {
        CHECK(reading.step == once.step);
        CHECK(withoutElapsed(reading.error) == withoutElapsed(once.error));  // the same failure each time
    }
}
