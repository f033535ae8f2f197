// Mesh telemetry against a real Prometheus (the Debian package's binary,
// started here): it scrapes the built-in cluster's ingress /stats/prometheus
// every second while the probe loads /productpage (details failing 40 % of
// the time) and a second probe loads a path no route matches (404 NR, never
// reaching a pod). The rates and failure shares TelemetrySource reads with
// Kiali's queries must match what the cluster's own counters say it served
// over the same period, within rate()'s extrapolation error; a bad query
// comes back as Prometheus' errorType naming the step, and a stopped
// Prometheus as "cannot read" naming the step. About 25 s.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <regex>
#include <sstream>
#include <thread>
#include <tuple>

#include "mesh/probe.hpp"
#include "mesh/prometheus_client.hpp"
#include "mesh/telemetry_error.hpp"
#include "mesh/telemetry_source.hpp"
#include "mesh_cluster_fixture.hpp"
#include "prometheus_process.hpp"

using meshlings::mesh::EdgeTraffic;
using meshlings::mesh::Probe;
using meshlings::mesh::ProbeOptions;
using meshlings::mesh::PrometheusClient;
using meshlings::mesh::TelemetryError;
using meshlings::mesh::TelemetryOptions;
using meshlings::mesh::TelemetryReading;
using meshlings::mesh::TelemetrySource;
using meshlings::mesh::testing::MeshClusterFixture;
using meshlings::mesh::testing::PrometheusProcess;
using namespace std::chrono_literals;

namespace {

using EdgeKey = std::tuple<std::string, std::string, std::string>;  // source, destination, service
struct Count {
    double all = 0;
    double failed = 0;
};

// What the cluster says it served: istio_requests_total from the ingress' /stats/prometheus, summed per
// edge over the same selections as Kiali's two queries (destination-reported in default; source-reported
// to unknown workloads of default's services).
std::map<EdgeKey, Count> servedCounters(MeshClusterFixture& cluster) {
    const auto answer = cluster.ingress().Get("/stats/prometheus");
    REQUIRE(answer);
    std::map<EdgeKey, Count> counts;
    std::istringstream lines(answer->body);
    const std::regex labelPattern(R"re((\w+)="([^"]*)")re");
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("istio_requests_total{", 0) != 0) continue;
        const auto close = line.rfind("} ");
        std::map<std::string, std::string> labels;
        const std::string labelText = line.substr(0, close);
        for (std::sregex_iterator it(labelText.begin(), labelText.end(), labelPattern), end; it != end; ++it)
            labels[(*it)[1]] = (*it)[2];
        const bool destination =
            labels["reporter"] == "destination" && labels["destination_workload_namespace"] == "default";
        const bool unknown = labels["reporter"] == "source" && labels["destination_workload"] == "unknown" &&
                             labels["destination_service_namespace"] == "default";
        if (!destination && !unknown) continue;
        const double value = std::stod(line.substr(close + 2));
        Count& count =
            counts[{labels["source_workload"], labels["destination_workload"], labels["destination_service_name"]}];
        count.all += value;
        if (labels["response_flags"] != "-" || labels["response_code"][0] == '5' || labels["response_code"] == "0")
            count.failed += value;
    }
    return counts;
}

std::string hostPort(const std::string& url) {
    return url.substr(url.find("://") + 3);
}

}  // namespace

TEST_CASE("the rates read from a real Prometheus match the traffic the built-in cluster served") {
    MeshClusterFixture cluster;
    REQUIRE(cluster.annotate("details-v1", "meshlings.dev/error-rate", "0.4"));
    PrometheusProcess prometheus(hostPort(cluster.ingressUrl()));
    const bool scraping = prometheus.awaitScraping(20s);
    INFO("prometheus log: " << prometheus.log());
    REQUIRE(scraping);

    ProbeOptions page = ProbeOptions::forIngress(cluster.ingressUrl());
    page.ratePerSecond = 20;
    ProbeOptions nowhere = page;
    nowhere.url = cluster.ingressUrl() + "/nowhere";  // no route: 404 NR at the gateway, no pod reached
    nowhere.ratePerSecond = 5;
    Probe pages(page);
    Probe misses(nowhere);
    pages.start();
    misses.start();

    constexpr int kWindow = 10;
    std::this_thread::sleep_for(2s);
    const auto before = servedCounters(cluster);
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(kWindow));
    const auto after = servedCounters(cluster);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    TelemetrySource source(TelemetryOptions{prometheus.url(), "default", kWindow, 500, 5000});
    const TelemetryReading reading = source.readOnce();
    pages.stop();
    misses.stop();
    INFO("error: " << reading.error);
    REQUIRE(reading.ok);

    std::map<EdgeKey, EdgeTraffic> measured;
    for (const EdgeTraffic& edge : reading.edges) measured[{edge.source, edge.destination, edge.service}] = edge;
    int compared = 0;
    for (const auto& [key, end] : after) {
        const auto began = before.find(key);
        const Count start0 = began == before.end() ? Count{} : began->second;
        const double served = (end.all - start0.all) / seconds;
        const double failedShare = end.all > start0.all ? (end.failed - start0.failed) / (end.all - start0.all) : 0;
        if (served < 1) continue;  // too few requests for a rate to say much
        ++compared;
        CAPTURE(std::get<0>(key));
        CAPTURE(std::get<1>(key));
        CAPTURE(std::get<2>(key));
        CAPTURE(served);
        const auto it = measured.find(key);
        REQUIRE(it != measured.end());
        // rate() over 10 one-second scrapes extrapolates to the window's edges and lags by up to a scrape.
        CHECK(it->second.rate == doctest::Approx(served).epsilon(0.2));
        CHECK(std::abs(it->second.failureShare() - failedShare) < 0.12);
    }
    // ingress->productpage, productpage->details, ->reviews-v1/v2/v3, reviews-v2/v3->ratings, ingress->unknown
    CHECK(compared >= 7);
    const EdgeTraffic& details = measured[{"productpage-v1", "details-v1", "details"}];
    CHECK(details.failureShare() == doctest::Approx(0.4).epsilon(0.5));
    const EdgeTraffic& missed = measured[{"istio-ingressgateway", "unknown", "productpage"}];
    CHECK(missed.rate == doctest::Approx(5).epsilon(0.25));
    CHECK(missed.failureShare() == doctest::Approx(1.0));
    for (const EdgeTraffic& edge : reading.edges) {
        CAPTURE(edge.source + " -> " + edge.destination);
        CHECK(after.count({edge.source, edge.destination, edge.service}) == 1);  // no edge the cluster never served
    }

    // A query Prometheus cannot parse: its errorType and the step in the message.
    PrometheusClient client(prometheus.url());
    try {
        client.edges({"a broken step", "sum(rate(istio_requests_total[1m]"});
        FAIL("a broken query decoded");
    } catch (const TelemetryError& error) {
        CHECK(std::string(error.what()).find("Prometheus a broken step: status \"error\" (bad_data)") == 0);
    }

    // The source's own thread delivers readings; with Prometheus stopped they say so, naming the step.
    source.start();
    TelemetryReading first;
    for (int i = 0; i < 100 && first.step.empty() && !first.ok; ++i) {
        for (auto& r : source.drain().telemetry) first = std::move(r);
        std::this_thread::sleep_for(50ms);
    }
    CHECK(first.ok);
    prometheus.stop();
    TelemetryReading down{true, "", "", {}};
    for (int i = 0; i < 100 && down.ok; ++i) {
        for (auto& r : source.drain().telemetry) down = std::move(r);
        std::this_thread::sleep_for(50ms);
    }
    source.stop();
    CHECK_FALSE(down.ok);
    CHECK(down.step == "destination traffic");
    CHECK(down.error.find("Prometheus destination traffic: cannot read " + prometheus.url()) == 0);
}
