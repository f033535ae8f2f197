// Benchmark of the built-in cluster model alone (no HTTP): simulated Bookinfo
// requests per CPU-second, steady and while reviews pods are being deleted,
// and the CPU time an hour-long drill (360,000 requests at 100 req/s) takes.
// Prints a Markdown table of medians, minima and maxima over repetitions.
// Speed goals live here, never in timed tests: the machine is shared and noisy.
// Run: build-bench/meshlings_bench [--requests N] [--repetitions N] [--only NAME]
// (BENCHMARKS.md has the command, the numbers and what they mean).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cluster.hpp"

namespace {

using meshlings::sim::Cluster;
using meshlings::sim::ClusterOptions;
using meshlings::sim::kSecond;
using meshlings::sim::Millis;
using meshlings::sim::PageKind;
using meshlings::sim::RequestAttributes;
using meshlings::sim::ResourceRegistry;

constexpr std::uint64_t kSeed = 42;
constexpr double kGoalPerCpuSecond = 1'000'000;
constexpr long kDrillRequests = 360'000;  // one hour at 100 req/s

// One measured workload: what it runs, and what its repetitions measured.
struct Scenario {
    const char* key;   // for --only
    const char* name;  // for the table
    long requests;
    Millis stepMs;
    long deleteAt;                   // request at which one reviews pod is deleted (-1: never)
    Millis deleteEveryMs;            // model time between deletions (0: never)
    std::vector<double> cpuSeconds;  // one per repetition
    std::vector<double> buildSeconds;
    long full = 0;  // pages of the last repetition (the same in every one: the model is deterministic)
    long degraded = 0;
    long failed = 0;
    int deletions = 0;
};

double cpuSecondsNow() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Deletes a reviews pod that is not terminating yet, gracefully as `kubectl
// delete pod` does; `turn` rotates through them. Returns whether one was found.
bool deleteReviewsPod(Cluster& cluster, int turn) {
    std::vector<std::string> names;
    for (const auto& pod : cluster.store().list(ResourceRegistry::byKind("Pod"), "default")) {
        const auto& metadata = (*pod)["metadata"];
        const std::string name = metadata.value("name", "");
        if (name.rfind("reviews-", 0) == 0 && !metadata.contains("deletionTimestamp")) names.push_back(name);
    }
    if (names.empty()) return false;
    // Rotate through the versions so every reviews Deployment loses a pod in turn.
    const std::string& victim = names[static_cast<std::size_t>(turn) % names.size()];
    cluster.kubelet().deletePod("default", victim, std::nullopt, "", false);
    return true;
}

// Builds a fresh cluster and serves the scenario's requests, one every
// stepMs of model time, timing the requests (and, apart, the build).
void runOnce(Scenario& scenario) {
    const double buildBefore = cpuSecondsNow();
    ClusterOptions options;  // the default epoch and contents: Bookinfo, Istio, kube-system
    options.seed = kSeed;
    Cluster cluster(options);
    scenario.buildSeconds.push_back(cpuSecondsNow() - buildBefore);
    const RequestAttributes request{"/productpage", ""};
    const Millis start = cluster.now();
    Millis nextDeletion = scenario.deleteEveryMs > 0 ? start + scenario.deleteEveryMs : -1;
    long full = 0, degraded = 0, failed = 0;
    int deletions = 0;
    const double before = cpuSecondsNow();
    for (long i = 0; i < scenario.requests; ++i) {
        const Millis t = start + static_cast<Millis>(i) * scenario.stepMs;
        cluster.advanceTo(t);
        if (i == scenario.deleteAt || (nextDeletion >= 0 && t >= nextDeletion)) {
            if (deleteReviewsPod(cluster, deletions)) ++deletions;
            if (nextDeletion >= 0) nextDeletion += scenario.deleteEveryMs;
        }
        switch (cluster.serveRequest(request).kind()) {
            case PageKind::Full:
                ++full;
                break;
            case PageKind::Degraded:
                ++degraded;
                break;
            case PageKind::Failed:
                ++failed;
                break;
        }
    }
    scenario.cpuSeconds.push_back(cpuSecondsNow() - before);
    scenario.full = full;
    scenario.degraded = degraded;
    scenario.failed = failed;
    scenario.deletions = deletions;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Requests per CPU-second of each repetition.
std::vector<double> ratesOf(const Scenario& scenario) {
    std::vector<double> rates;
    for (const double seconds : scenario.cpuSeconds) {
        rates.push_back(static_cast<double>(scenario.requests) / seconds);
    }
    return rates;
}

std::string grouped(double value) {
    // 1234567.8 -> "1,234,568": readable rates in the table.
    const std::string digits = std::to_string(std::llround(value));
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

long parseCount(const char* text, const char* flag) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0) {
        std::fprintf(stderr, "meshlings_bench: %s needs a positive integer, got '%s'\n", flag, text);
        std::exit(2);
    }
    return value;
}

}  // namespace

int main(int argc, char** argv) {
    long requests = 1'000'000;
    long repetitions = 7;
    long stepMs = 10;  // 100 req/s of model time
    bool check = false;
    std::string only;  // one scenario's name (for profiling); empty: all
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--requests" && hasValue) {
            requests = parseCount(argv[++i], "--requests");
        } else if (arg == "--repetitions" && hasValue) {
            repetitions = parseCount(argv[++i], "--repetitions");
        } else if (arg == "--step-ms" && hasValue) {
            stepMs = parseCount(argv[++i], "--step-ms");
        } else if (arg == "--only" && hasValue) {
            only = argv[++i];
        } else if (arg == "--check") {
            check = true;
        } else {
            std::fprintf(stderr,
                         "usage: meshlings_bench [--requests N] [--repetitions N] [--step-ms N]\n"
                         "                       [--only steady|delete-once|churn|drill] [--check]\n"
                         "  --only   run one scenario alone (for a profiler)\n"
                         "  --check  exit 1 when the steady median misses %s requests/CPU-second\n",
                         grouped(kGoalPerCpuSecond).c_str());
            return 2;
        }
    }

    std::vector<Scenario> scenarios{
        {"steady", "steady Bookinfo traffic", requests, stepMs, -1, 0, {}, {}},
        {"delete-once", "one reviews pod deleted mid-run", requests, stepMs, requests / 2, 0, {}, {}},
        {"churn", "a reviews pod deleted every 60 s", requests, stepMs, -1, 60 * kSecond, {}, {}},
        {"drill", "1 h drill: 360,000 requests, 10 ms apart", kDrillRequests, 10, -1, 0, {}, {}},
    };
    if (!only.empty()) {
        std::erase_if(scenarios, [&](const Scenario& s) { return only != s.key; });
        if (scenarios.empty()) {
            std::fprintf(stderr, "meshlings_bench: no scenario '%s'\n", only.c_str());
            return 2;
        }
    }

    // Repetitions interleave the scenarios, so a noisy neighbour hits all of them alike.
    for (long rep = 0; rep < repetitions; ++rep) {
        for (auto& scenario : scenarios) runOnce(scenario);
        std::fprintf(stderr, "meshlings_bench: repetition %ld/%ld done\n", rep + 1, repetitions);
    }

    std::printf(
        "Model alone (no HTTP), seed %llu, %ld repetitions, CPU time of this process "
        "(CLOCK_PROCESS_CPUTIME_ID); each repetition builds a fresh cluster (not timed).\n\n",
        static_cast<unsigned long long>(kSeed), repetitions);
    std::printf(
        "| scenario | requests | median req/CPU-s | min | max | median CPU s per run | "
        "full / degraded / failed pages | pods deleted |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
    std::vector<double> builds;
    for (const auto& scenario : scenarios) {
        const std::vector<double> rates = ratesOf(scenario);
        const auto [low, high] = std::minmax_element(rates.begin(), rates.end());
        std::printf("| %s | %s | %s | %s | %s | %.3f | %ld / %ld / %ld | %d |\n", scenario.name,
                    grouped(static_cast<double>(scenario.requests)).c_str(), grouped(median(rates)).c_str(),
                    grouped(*low).c_str(), grouped(*high).c_str(), median(scenario.cpuSeconds), scenario.full,
                    scenario.degraded, scenario.failed, scenario.deletions);
        builds.insert(builds.end(), scenario.buildSeconds.begin(), scenario.buildSeconds.end());
    }
    std::printf("\nBuilding the cluster (seeding Bookinfo, Istio, kube-system): median %.2f ms CPU.\n",
                median(builds) * 1000);

    const Scenario& goalRun = scenarios.front();  // steady, unless --only picked another
    const double rate = median(ratesOf(goalRun));
    const bool met = rate >= kGoalPerCpuSecond;
    std::printf("Goal: at least %s simulated requests per CPU-second (%s, median): %s (%.2fx the goal).\n",
                grouped(kGoalPerCpuSecond).c_str(), goalRun.key, met ? "met" : "NOT met", rate / kGoalPerCpuSecond);
    return check && !met ? 1 : 0;
}
