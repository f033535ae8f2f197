// meshlings_mesh_bench: what the probe costs. (1) The classifier's time per
// page on the fixtures of both templates; (2) the probe at a high target
// rate against the built-in cluster's ingress on loopback: the rate it
// reaches, latency p50/p99, connections opened. Not a ctest: timings
// belong in BENCHMARKS.md, never in assertions (2 shared cores).
//   meshlings_mesh_bench [--seconds S] [--concurrency C] [--rates R1,R2,...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "mesh/page_classifier.hpp"
#include "mesh/probe.hpp"
#include "page_fixtures.hpp"
#include "simcluster/server/cluster_server.hpp"

using namespace meshlings::mesh;
using meshlings::common::PageOutcome;
using Clock = std::chrono::steady_clock;

namespace {

struct Settings {
    double seconds = 3;
    int concurrency = 16;
    std::vector<double> rates{100, 500, 2000, 5000};
};

Settings parse(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--seconds") == 0)
            settings.seconds = std::stod(argv[i + 1]);
        else if (std::strcmp(argv[i], "--concurrency") == 0)
            settings.concurrency = std::stoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--rates") == 0) {
            settings.rates.clear();
            std::stringstream list(argv[i + 1]);
            for (std::string item; std::getline(list, item, ',');) settings.rates.push_back(std::stod(item));
        }
    }
    return settings;
}

void benchClassifier() {
    const char* files[] = {"tailwind-v1.html", "tailwind-v2.html", "tailwind-details-error.html", "bootstrap-v3.html",
                           "bootstrap-ratings-unavailable.html"};
    std::vector<std::string> pages;
    for (const char* file : files) pages.push_back(testing::pageFixture(file));
    constexpr int kRounds = 40000;
    std::size_t full = 0, bytes = 0;
    const auto begin = Clock::now();
    for (int i = 0; i < kRounds; ++i) {
        const std::string& page = pages[static_cast<std::size_t>(i) % pages.size()];
        full += PageClassifier::classify(200, page).outcome == PageOutcome::Full ? 1 : 0;
        bytes += page.size();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - begin).count();
    std::printf("classifier: %d pages (%.1f KB avg), %.2f us/page, %.0f MB/s (%zu full)\n", kRounds,
                static_cast<double>(bytes) / kRounds / 1024, seconds * 1e6 / kRounds,
                static_cast<double>(bytes) / seconds / 1e6, full);
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[at];
}

void benchProbe(const std::string& ingress, double rate, const Settings& settings) {
    ProbeOptions options = ProbeOptions::forIngress(ingress);
    options.ratePerSecond = rate;
    options.maxConcurrency = settings.concurrency;
    Probe probe(options);
    probe.start();
    std::this_thread::sleep_for(std::chrono::duration<double>(settings.seconds));
    probe.stop();
    const auto samples = probe.drain().requests;
    const auto counters = probe.counters();
    std::vector<double> latencies;
    for (const auto& sample : samples) latencies.push_back(sample.latencyMs);
    std::printf(
        "probe %6.0f/s target, %3d in flight: %7.1f finished/s, skipped %6llu, p50 %6.2f ms, p99 %7.2f ms, "
        "full %llu degraded %llu failed %llu, connections %llu\n",
        rate, settings.concurrency, static_cast<double>(samples.size()) / settings.seconds,
        static_cast<unsigned long long>(counters.skipped), percentile(latencies, 0.5), percentile(latencies, 0.99),
        static_cast<unsigned long long>(counters.full), static_cast<unsigned long long>(counters.degraded),
        static_cast<unsigned long long>(counters.failed), static_cast<unsigned long long>(counters.connectionsOpened));
}

}  // namespace

int main(int argc, char** argv) {
    const Settings settings = parse(argc, argv);
    benchClassifier();
    meshlings::sim::ServeOptions options;
    options.seed = 42;
    meshlings::sim::ClusterServer server(options);
    server.start();
    for (const double rate : settings.rates) benchProbe(server.ingressUrl(), rate, settings);
    server.stop();
    return 0;
}
