// The probe's throughput and latency against the built-in cluster's ingress,
// side by side with wrk on the same URL at the same concurrency (issue 5:
// at least half of wrk's rate while classifying every page).
//
// The built-in cluster is served in-process on loopback (as `meshlings
// play` serves it). Each repetition runs, for each concurrency, wrk (one
// thread, `-c C`, keep-alive, `--latency`) and then the probe (its own
// thread, libcurl multi, at most C in flight, scheduled at its maximum
// rate so it is always at the limit: starts past it are skipped, as the
// open model does, never queued) for the same number of seconds. Every
// probe answer is read and classified (full, degraded, failed); wrk only
// counts. Medians over the repetitions.
//
// Usage: meshlings_probe_bench [--concurrency 1 10 50] [--seconds 5] [--repetitions 3] [--wrk wrk]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "mesh/probe.hpp"
#include "mesh/start_schedule.hpp"
#include "simcluster/server/cluster_server.hpp"

using namespace meshlings;

namespace {

double median(std::vector<double> values) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

struct Run {
    double rate = 0;  // answers a second
    double p50Ms = 0;
    double p99Ms = 0;
    double fullShare = 0;  // of the probe's answers, classified as a full page
    double errors = 0;     // non-2xx answers and transport errors
};

// wrk's "Latency" figures: "50%   12.34ms" (us, ms or s).
double wrkMillis(const std::string& out, const std::string& label) {
    const std::regex line(label + R"(\s+([0-9.]+)(us|ms|s)\b)");
    std::smatch m;
    if (!std::regex_search(out, m, line)) throw std::runtime_error("wrk output has no " + label + " line:\n" + out);
    const double v = std::stod(m[1].str());
    return m[2] == "us" ? v / 1000 : m[2] == "s" ? v * 1000 : v;
}

Run runWrk(const std::string& wrk, const std::string& url, int concurrency, int seconds) {
    const std::string command = wrk + " -t1 -c" + std::to_string(concurrency) + " -d" + std::to_string(seconds) +
                                "s --latency " + url + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    std::string out;
    char buffer[4096];
    for (std::size_t n = 0; (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) out.append(buffer, n);
    std::smatch m;
    Run run;
    if (!std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) {
        throw std::runtime_error("`" + command +
                                 "` printed no Requests/sec (is wrk installed? apt-get install wrk):\n" + out);
    }
    run.rate = std::stod(m[1].str());
    run.p50Ms = wrkMillis(out, "50%");
    run.p99Ms = wrkMillis(out, "99%");
    if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+([0-9]+))"))) run.errors = std::stod(m[1]);
    return run;
}

Run runProbe(const std::string& url, int concurrency, int seconds) {
    mesh::ProbeOptions options;
    options.url = url;
    options.maxConcurrency = concurrency;
    options.ratePerSecond = mesh::StartSchedule::kMaxRate;
    options.maxQueued = 10'000'000;
    mesh::Probe probe(options);
    std::vector<double> latencies;
    std::size_t answers = 0;
    std::size_t full = 0;
    double errors = 0;
    const auto begin = std::chrono::steady_clock::now();
    const auto end = begin + std::chrono::seconds(seconds);
    probe.start();
    while (std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        for (const mesh::ProbeSample& s : probe.drain().requests) {
            ++answers;
            latencies.push_back(s.latencyMs);
            if (s.verdict.outcome == common::PageOutcome::Full) ++full;
            if (s.status != 200 || s.fault != mesh::TransportFault::None) ++errors;
        }
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    probe.stop();
    Run run;
    run.rate = static_cast<double>(answers) / elapsed;
    run.p50Ms = percentile(latencies, 0.50);
    run.p99Ms = percentile(latencies, 0.99);
    run.fullShare = answers == 0 ? 0 : static_cast<double>(full) / static_cast<double>(answers);
    run.errors = errors;
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"The probe's rate and latency against wrk's on the built-in cluster's ingress"};
    std::vector<int> concurrencies{1, 10, 50};
    int seconds = 5;
    int repetitions = 3;
    std::string wrk = "wrk";
    app.add_option("--concurrency", concurrencies, "requests in flight, one case each");
    app.add_option("--seconds", seconds, "length of each run");
    app.add_option("--repetitions", repetitions, "repetitions (wrk and the probe alternate in each)");
    app.add_option("--wrk", wrk, "the wrk to run");
    CLI11_PARSE(app, argc, argv);

    try {
        sim::ServeOptions serve;
        serve.seed = 1;
        sim::ClusterServer server(serve);
        server.start();
        const std::string url = server.ingressUrl() + "/productpage";
        runProbe(url, 10, 1);  // warm-up: connections, the page's first renders
        std::map<int, std::vector<Run>> wrkRuns;
        std::map<int, std::vector<Run>> probeRuns;
        for (int r = 0; r < repetitions; ++r) {
            for (const int c : concurrencies) {
                wrkRuns[c].push_back(runWrk(wrk, url, c, seconds));
                probeRuns[c].push_back(runProbe(url, c, seconds));
                std::cerr << "repetition " << r + 1 << " concurrency " << c << ": wrk " << wrkRuns[c].back().rate
                          << "/s, probe " << probeRuns[c].back().rate << "/s\n";
            }
        }
        const auto med = [](const std::vector<Run>& runs, double Run::*field) {
            std::vector<double> values;
            for (const Run& run : runs) values.push_back(run.*field);
            return median(values);
        };
        std::printf(
            "| in flight | wrk req/s | probe req/s | probe / wrk | wrk p50 / p99 ms | probe p50 / p99 ms "
            "| probe pages full | errors wrk / probe |\n");
        std::printf("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (const int c : concurrencies) {
            const auto& w = wrkRuns[c];
            const auto& p = probeRuns[c];
            std::vector<double> ratios;
            for (std::size_t i = 0; i < w.size(); ++i) ratios.push_back(w[i].rate > 0 ? p[i].rate / w[i].rate : 0);
            std::printf("| %d | %.0f | %.0f | %.2f | %.1f / %.1f | %.1f / %.1f | %.1f %% | %.0f / %.0f |\n", c,
                        med(w, &Run::rate), med(p, &Run::rate), median(ratios), med(w, &Run::p50Ms),
                        med(w, &Run::p99Ms), med(p, &Run::p50Ms), med(p, &Run::p99Ms), 100 * med(p, &Run::fullShare),
                        med(w, &Run::errors), med(p, &Run::errors));
        }
        server.stop();
    } catch (const std::exception& e) {
        std::cerr << "meshlings_probe_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
