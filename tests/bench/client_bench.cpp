// Benchmark of the Kubernetes client against `meshlings cluster` run as its
// own process on loopback: (1) the initial sync of an informer on a
// namespace of N pods, side by side with a bare LIST of the same pods, with
// the memory it takes; (2) the API requests per minute of informers in
// steady state; (3) the time from a pod deletion to its event in the game's
// queue. Prints Markdown; see BENCHMARKS.md for the command and the numbers.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "client/core_calls.hpp"
#include "client/informer.hpp"
#include "client/istio_routing.hpp"
#include "client/rest_config.hpp"

using namespace meshlings::k8s;
using Steady = std::chrono::steady_clock;

namespace {

struct Settings {
    std::string meshlings = "build/meshlings";
    int pods = 5000;
    int runs = 7;
    int steadySeconds = 60;
    int deletes = 200;
};

double ms(Steady::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values.at(std::min(index, values.size() - 1));
}

long rssKiB() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return 0;
}

// `meshlings cluster` with N extra pods in namespace `load`, stopped on destruction.
class ClusterProcess {
public:
    ClusterProcess(const Settings& settings, const std::string& kubeconfig) {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        std::vector<std::string> args{settings.meshlings, "cluster",     "--listen",     "127.0.0.1:0",
                                      "--ingress-listen", "127.0.0.1:0", "--extra-pods", std::to_string(settings.pods),
                                      "--kubeconfig-out", kubeconfig};
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        if (posix_spawn(&m_pid, settings.meshlings.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
            throw std::runtime_error("cannot run " + settings.meshlings);
        }
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        std::string line;
        char c = 0;
        while (read(fds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
        close(fds[0]);
        if (line.find("ready") == std::string::npos) throw std::runtime_error("the cluster did not start: " + line);
    }
    ~ClusterProcess() {
        kill(m_pid, SIGTERM);
        waitpid(m_pid, nullptr, 0);
    }

private:
    pid_t m_pid = -1;
};

InformerOptions podsIn(const std::string& nameSpace) {
    InformerOptions options;
    options.resource = kPods;
    options.nameSpace = nameSpace;
    return options;
}

bool waitSynced(Informer& informer, std::chrono::seconds limit) {
    const auto deadline = Steady::now() + limit;
    while (!informer.synced() && Steady::now() < deadline) informer.events().waitFor(std::chrono::milliseconds(5));
    return informer.synced();
}

void initialSync(const RestConfig& config, const Settings& settings) {
    std::vector<double> informerMs;
    std::vector<double> listMs;
    long firstGrowth = 0;
    std::size_t objects = 0;
    for (int run = 0; run < settings.runs; ++run) {
        KubeClient client(config);
        const auto listStart = Steady::now();
        const Json list = client.list(kPods.collection("load"));
        listMs.push_back(ms(Steady::now() - listStart));

        const long before = rssKiB();
        Informer informer(client, podsIn("load"));
        const auto start = Steady::now();
        informer.start();
        if (!waitSynced(informer, std::chrono::seconds(120))) throw std::runtime_error("no sync in 120 s");
        informerMs.push_back(ms(Steady::now() - start));
        informer.events().drain();
        if (run == 0) firstGrowth = rssKiB() - before;
        objects = informer.cache().size();
    }
    std::cout << "## Initial sync of " << objects << " pods (" << settings.runs << " runs)\n\n"
              << "| | median ms | min | max |\n| --- | ---: | ---: | ---: |\n"
              << "| informer: LIST, decode, fill the cache, queue " << objects << " Added | "
              << percentile(informerMs, 0.5) << " | " << percentile(informerMs, 0) << " | " << percentile(informerMs, 1)
              << " |\n"
              << "| bare LIST and JSON decode (same client) | " << percentile(listMs, 0.5) << " | "
              << percentile(listMs, 0) << " | " << percentile(listMs, 1) << " |\n\n"
              << "Ratio informer / bare list (medians): " << percentile(informerMs, 0.5) / percentile(listMs, 0.5)
              << "\n"
              << "Resident memory added by the first sync (cache, queue, buffers): " << firstGrowth / 1024.0
              << " MiB\n\n";
}

void steadyState(const RestConfig& config, const Settings& settings) {
    KubeClient client(config);
    IstioRouting istio(client);
    std::vector<std::unique_ptr<Informer>> informers;
    for (auto ref : {kPods, kDeployments, istio.virtualServices(), istio.destinationRules()}) {
        InformerOptions options;
        options.resource = ref;
        options.nameSpace = "default";
        informers.push_back(std::make_unique<Informer>(client, options));
    }
    informers.push_back(std::make_unique<Informer>(client, podsIn("load")));
    for (auto& informer : informers) informer->start();
    for (auto& informer : informers) waitSynced(*informer, std::chrono::seconds(120));
    std::this_thread::sleep_for(std::chrono::seconds(1));  // each informer's first WATCH follows its sync
    const long listsAtSync = client.counts().lists;
    const long watchesAtSync = client.counts().watches;
    const long othersAtSync = client.counts().others;
    std::this_thread::sleep_for(std::chrono::seconds(settings.steadySeconds));
    const double minutes = settings.steadySeconds / 60.0;
    std::cout << "## Steady state: " << informers.size()
              << " informers (pods, deployments, virtualservices, destinationrules in default; " << settings.pods
              << " pods in load), " << settings.steadySeconds << " s after the sync\n\n"
              << "| requests | at sync | per minute after |\n| --- | ---: | ---: |\n"
              << "| LIST | " << listsAtSync << " | " << (client.counts().lists - listsAtSync) / minutes << " |\n"
              << "| WATCH | " << watchesAtSync << " | " << (client.counts().watches - watchesAtSync) / minutes << " |\n"
              << "| other | " << othersAtSync << " | " << (client.counts().others - othersAtSync) / minutes << " |\n\n";
    std::cout << "Per informer (watches opened, backoffs since the start): ";
    for (const auto& informer : informers) {
        std::cout << informer->stats().watches.load() << "/" << informer->stats().failures.load() << " ";
    }
    std::cout << "\n\n";
}

void eventLatency(const RestConfig& config, const Settings& settings, const std::string& nameSpace) {
    KubeClient client(config);
    Informer informer(client, podsIn(nameSpace));
    informer.start();
    waitSynced(informer, std::chrono::seconds(120));
    informer.events().drain();
    RestConfig actions = config;
    actions.nameSpace = nameSpace;
    // Unthrottled: a player deletes a pod every few seconds, far under client-go's 5 per second, but this loop
    // deletes every ~25 ms and would otherwise measure the rate limiter's waits.
    ClientOptions unthrottled;
    unthrottled.qps = -1;
    KubeClient deleter(actions, unthrottled);
    const auto names = informer.cache().keys();
    std::vector<double> latencies;
    std::vector<double> roundTrips;
    // In `load` each pod is deleted once; in `default` the live pods are taken in turn, replacements included.
    const int deletions =
        nameSpace == "load" ? std::min(settings.deletes, static_cast<int>(names.size())) : settings.deletes;
    for (int i = 0; i < deletions; ++i) {
        std::vector<std::string> live;
        for (const auto& pod : informer.cache().snapshot()) {
            const auto& metadata = (*pod)["metadata"];
            if (!metadata.contains("deletionTimestamp"))
                live.push_back(metadata.value("namespace", "") + "/" + metadata.value("name", ""));
        }
        if (live.empty()) break;
        const std::string key = nameSpace == "load" ? names[static_cast<std::size_t>(i) * 7 % names.size()]
                                                    : live[static_cast<std::size_t>(i) % live.size()];
        const std::string name = key.substr(key.find('/') + 1);
        const auto sent = Steady::now();
        deletePod(deleter, name);
        roundTrips.push_back(ms(Steady::now() - sent));
        bool seen = false;
        while (!seen && Steady::now() - sent < std::chrono::seconds(10)) {
            for (const auto& event : informer.events().waitFor(std::chrono::milliseconds(20))) {
                // A pod still Pending goes at once: its event is Deleted rather than Updated (Terminating).
                const bool changed =
                    event.kind == InformerEventKind::Updated || event.kind == InformerEventKind::Deleted;
                if (changed && event.key == key && !seen) {
                    latencies.push_back(ms(Steady::now() - sent));
                    seen = true;
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::cout << "## Pod deleted -> event in the game's queue: " << latencies.size() << " deletions in namespace "
              << nameSpace << " (" << names.size() << " pods)\n\n"
              << "Measured from just before the DELETE is sent until the informer's Updated (Terminating) or Deleted "
                 "event is drained;"
                 " so it includes the DELETE's own round trip.\n\n"
              << "| | median ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: |\n"
              << "| DELETE sent -> event drained | " << percentile(latencies, 0.5) << " | "
              << percentile(latencies, 0.99) << " | " << percentile(latencies, 1) << " |\n"
              << "| DELETE sent -> its answer | " << percentile(roundTrips, 0.5) << " | "
              << percentile(roundTrips, 0.99) << " | " << percentile(roundTrips, 1) << " |\n\n";
}

}  // namespace

int main(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--meshlings")
            settings.meshlings = value;
        else if (flag == "--pods")
            settings.pods = std::stoi(value);
        else if (flag == "--runs")
            settings.runs = std::stoi(value);
        else if (flag == "--steady-seconds")
            settings.steadySeconds = std::stoi(value);
        else if (flag == "--deletes")
            settings.deletes = std::stoi(value);
        else {
            std::cerr << "usage: meshlings_client_bench [--meshlings PATH] [--pods N] [--runs N] [--steady-seconds S] "
                         "[--deletes N]\n";
            return 2;
        }
    }
    try {
        const std::string kubeconfig = "/tmp/meshlings-client-bench-" + std::to_string(getpid()) + ".kubeconfig";
        ClusterProcess cluster(settings, kubeconfig);
        ConnectionOptions connection;
        connection.kubeconfig = kubeconfig;
        const RestConfig config = resolveRestConfig(connection);
        std::cout.setf(std::ios::fixed);
        std::cout.precision(1);
        initialSync(config, settings);
        eventLatency(config, settings, "default");
        eventLatency(config, settings, "load");
        steadyState(config, settings);
        std::remove(kubeconfig.c_str());
    } catch (const std::exception& e) {
        std::cerr << "meshlings_client_bench: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
