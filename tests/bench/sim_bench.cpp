// Benchmark of the built-in cluster model alone (no HTTP): simulated Bookinfo
// requests per CPU-second, steady and while reviews pods are being deleted,
// and the CPU time an hour-long drill (360,000 requests at 100 req/s) takes.
// Prints a Markdown table of medians, minima and maxima over repetitions.
// A second table (--only delete-5000 alone): the CPU time of deleting one pod
// of a 5,000-pod Deployment and running the model until its replacement is
// Ready (the work the HTTP front does under the cluster lock after a DELETE).
// Speed goals live here, never in timed tests: the machine is shared and noisy.
// Run: build-bench/meshlings_bench [--requests N] [--repetitions N] [--only NAME]
// (BENCHMARKS.md has the command, the numbers and what they mean).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "simcluster/cluster.hpp"
#include "simcluster/pod_builder.hpp"

namespace {

using meshlings::sim::Cluster;
using meshlings::sim::ClusterOptions;
using meshlings::sim::kSecond;
using meshlings::sim::Millis;
namespace common = meshlings::common;
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
    bool resilience;                 // retries and outlier detection on every service, ratings flaky
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

// Every service gets a VirtualService retrying 5xx up to 3 times and a
// DestinationRule ejecting a pod after 5 consecutive 5xx; ratings answers 10 %
// of its requests with a 500, so retries and ejections really run.
void applyResilience(Cluster& cluster) {
    using Json = nlohmann::json;
    auto& store = cluster.store();
    for (const char* service : {"details", "reviews", "ratings"}) {
        const Json vs{{"metadata", {{"name", std::string(service) + "-retries"}, {"namespace", "default"}}},
                      {"spec",
                       {{"hosts", {service}},
                        {"http",
                         {{{"route", {{{"destination", {{"host", service}}}}}},
                           {"retries", {{"attempts", 3}, {"retryOn", "5xx,connect-failure,refused-stream"}}}}}}}}};
        store.create(ResourceRegistry::byKind("VirtualService"), vs, cluster.context().unixNow());
        const Json dr{{"metadata", {{"name", std::string(service) + "-outliers"}, {"namespace", "default"}}},
                      {"spec",
                       {{"host", service},
                        {"trafficPolicy",
                         {{"outlierDetection",
                           {{"consecutive5xxErrors", 5},
                            {"interval", "10s"},
                            {"baseEjectionTime", "30s"},
                            {"maxEjectionPercent", 50}}}}}}}};
        store.create(ResourceRegistry::byKind("DestinationRule"), dr, cluster.context().unixNow());
    }
    const auto& deployments = ResourceRegistry::byKind("Deployment");
    Json ratings = *store.get(deployments, "default", "ratings-v1");
    ratings["metadata"]["annotations"]["meshlings.dev/error-rate"] = "0.1";
    store.update(deployments, ratings);
    cluster.advanceTo(cluster.now());
}

// Builds a fresh cluster and serves the scenario's requests, one every
// stepMs of model time, timing the requests (and, apart, the build).
void runOnce(Scenario& scenario) {
    const double buildBefore = cpuSecondsNow();
    ClusterOptions options;  // the default epoch and contents: Bookinfo, Istio, kube-system
    options.seed = kSeed;
    Cluster cluster(options);
    if (scenario.resilience) applyResilience(cluster);
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
            case common::PageOutcome::Full:
                ++full;
                break;
            case common::PageOutcome::Degraded:
                ++degraded;
                break;
            case common::PageOutcome::Failed:
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

// Deletes pods of the `load` namespace's 5,000-pod Deployment one at a time
// and advances the model until each replacement is Ready and the deleted pod
// is gone. Only the model's calls are timed, not the checks between them.
// With `service`, a Service selects the 5,000 pods (its Endpoints and
// EndpointSlice follow every change), as after `kubectl expose`.
struct DeletionScenario {
    static constexpr const char* kKey = "delete-5000";
    static constexpr int kPods = 5000;
    static constexpr Millis kTickMs = 50;  // how often `meshlings cluster` advances the model
    const char* name;
    bool service;
    std::vector<double> cpuSeconds;        // one per deletion: deletePod plus every advanceTo until done
    std::vector<double> worstTickSeconds;  // the longest single call (a lock hold) of each deletion
    std::vector<double> modelSeconds;      // model time until done
    double buildSeconds = 0;
};

class DeletionRun {
public:
    explicit DeletionRun(bool service) : m_cluster(optionsWithLoad()) {
        if (service) {
            const nlohmann::json filler{
                {"metadata", {{"name", "filler"}, {"namespace", "load"}}},
                {"spec", {{"selector", {{"app", "filler"}}}, {"ports", {{{"name", "http"}, {"port", 9080}}}}}}};
            m_cluster.store().create(ResourceRegistry::byKind("Service"), filler, m_cluster.context().unixNow());
            m_cluster.advanceTo(m_cluster.now());
        }
        m_cluster.store().addListener([this](const meshlings::sim::StoreEvent& event) {
            const auto& meta = (*event.object)["metadata"];
            if (event.type == meshlings::sim::EventType::Added && event.resource == &ResourceRegistry::byKind("Pod") &&
                meta.value("namespace", "") == "load") {
                m_added.push_back(meta.value("name", ""));
            }
        });
    }

    // One deletion, recorded into `scenario`. Returns false when no pod was found.
    bool deleteOne(DeletionScenario& scenario, int turn) {
        const auto& pods = ResourceRegistry::byKind("Pod");
        const auto all = m_cluster.store().list(pods, "load");
        std::vector<std::string> names;
        for (const auto& pod : all) {
            if (!meshlings::sim::pod_builder::isTerminating(*pod)) {
                names.push_back((*pod)["metadata"].value("name", ""));
            }
        }
        if (names.empty()) return false;
        const std::string victim = names[static_cast<std::size_t>(turn) * 997 % names.size()];
        m_added.clear();
        double total = 0, worst = 0;
        auto timed = [&](auto&& work) {
            const double before = cpuSecondsNow();
            work();
            const double spent = cpuSecondsNow() - before;
            total += spent;
            worst = std::max(worst, spent);
        };
        const Millis start = m_cluster.now();
        timed([&] { m_cluster.kubelet().deletePod("load", victim, std::nullopt, "", false); });
        auto done = [&] {
            if (m_cluster.store().get(pods, "load", victim) || m_added.empty()) return false;
            const auto replacement = m_cluster.store().get(pods, "load", m_added.front());
            return replacement && meshlings::sim::pod_builder::isReady(*replacement);
        };
        for (Millis t = start + DeletionScenario::kTickMs; !done(); t += DeletionScenario::kTickMs) {
            if (t - start > 120 * kSecond) {
                std::fprintf(stderr, "meshlings_bench: no Ready replacement for %s after 120 s\n", victim.c_str());
                std::exit(1);
            }
            timed([&] { m_cluster.advanceTo(t); });
        }
        scenario.cpuSeconds.push_back(total);
        scenario.worstTickSeconds.push_back(worst);
        scenario.modelSeconds.push_back(static_cast<double>(m_cluster.now() - start) / 1000.0);
        return true;
    }

private:
    static ClusterOptions optionsWithLoad() {
        ClusterOptions options;
        options.seed = kSeed;
        options.contents.extraPods = DeletionScenario::kPods;
        return options;
    }

    Cluster m_cluster;
    std::vector<std::string> m_added;  // pods created in `load` since the last deletion began
};

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

void printDeletions(const std::vector<DeletionScenario>& scenarios, long repetitions) {
    std::printf(
        "Deleting one pod of a %d-pod Deployment (namespace `load`, gracefully, as kubectl does) and advancing the "
        "model every %lld ms until the replacement is Ready and the pod is gone; seed %llu, %ld deletions on each "
        "cluster (built once, not timed). CPU ms of the model's calls only; the longest call is the longest the "
        "HTTP front would hold the cluster lock.\n\n",
        DeletionScenario::kPods, static_cast<long long>(DeletionScenario::kTickMs),
        static_cast<unsigned long long>(kSeed), repetitions);
    std::printf(
        "| scenario | median CPU ms per deletion | min | max | median longest call ms | min | max | "
        "median model s | build CPU ms |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& scenario : scenarios) {
        const auto [low, high] = std::minmax_element(scenario.cpuSeconds.begin(), scenario.cpuSeconds.end());
        const auto [tickLow, tickHigh] =
            std::minmax_element(scenario.worstTickSeconds.begin(), scenario.worstTickSeconds.end());
        std::printf("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |\n", scenario.name,
                    median(scenario.cpuSeconds) * 1000, *low * 1000, *high * 1000,
                    median(scenario.worstTickSeconds) * 1000, *tickLow * 1000, *tickHigh * 1000,
                    median(scenario.modelSeconds), scenario.buildSeconds * 1000);
    }
    std::printf("\n");
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
            std::fprintf(
                stderr,
                "usage: meshlings_bench [--requests N] [--repetitions N] [--step-ms N]\n"
                "                       [--only steady|delete-once|churn|drill|resilience|delete-5000] [--check]\n"
                "  --only   run one scenario alone (for a profiler)\n"
                "  --check  exit 1 when the steady median misses %s requests/CPU-second\n",
                grouped(kGoalPerCpuSecond).c_str());
            return 2;
        }
    }

    std::vector<Scenario> scenarios{
        {"steady", "steady Bookinfo traffic", requests, stepMs, -1, 0, false, {}, {}},
        {"delete-once", "one reviews pod deleted mid-run", requests, stepMs, requests / 2, 0, false, {}, {}},
        {"churn", "a reviews pod deleted every 60 s", requests, stepMs, -1, 60 * kSecond, false, {}, {}},
        {"drill", "1 h drill: 360,000 requests, 10 ms apart", kDrillRequests, 10, -1, 0, false, {}, {}},
        {"resilience",
         "retries 3 on 5xx, outlier detection, ratings 10 % errors, churn 60 s",
         requests,
         stepMs,
         -1,
         60 * kSecond,
         true,
         {},
         {}},
    };
    const bool runDeletions = only.empty() || only == DeletionScenario::kKey;
    if (!only.empty()) {
        std::erase_if(scenarios, [&](const Scenario& s) { return only != s.key; });
        if (scenarios.empty() && !runDeletions) {
            std::fprintf(stderr, "meshlings_bench: no scenario '%s'\n", only.c_str());
            return 2;
        }
    }

    // Each 5,000-pod cluster is built once (not timed); each repetition deletes one of its pods.
    std::vector<DeletionScenario> deletions{
        {"delete one of 5,000 pods, until the replacement is Ready", false, {}, {}, {}},
        {"same, a Service selecting the 5,000 pods", true, {}, {}, {}}};
    std::vector<std::unique_ptr<DeletionRun>> deletionRuns;
    if (!runDeletions) deletions.clear();
    for (auto& scenario : deletions) {
        const double before = cpuSecondsNow();
        deletionRuns.push_back(std::make_unique<DeletionRun>(scenario.service));
        scenario.buildSeconds = cpuSecondsNow() - before;
    }
    // Repetitions interleave the scenarios, so a noisy neighbour hits all of them alike.
    for (long rep = 0; rep < repetitions; ++rep) {
        for (auto& scenario : scenarios) runOnce(scenario);
        for (std::size_t d = 0; d < deletionRuns.size(); ++d) {
            if (!deletionRuns[d]->deleteOne(deletions[d], static_cast<int>(rep))) {
                std::fprintf(stderr, "meshlings_bench: no pod left to delete in `load`\n");
                return 1;
            }
        }
        std::fprintf(stderr, "meshlings_bench: repetition %ld/%ld done\n", rep + 1, repetitions);
    }
    if (runDeletions) printDeletions(deletions, repetitions);
    if (scenarios.empty()) return 0;

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
