// The SourceDrain alone: without a cluster its first drain says why
// (ConnectionChanged Failed, step kubeconfig) and there is no probe; on the
// built-in cluster served in-process the bridge's pods and the probe's
// pages come out as world commands.
#include "app/source_drain.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "app/cluster_target.hpp"

using namespace meshlings;

TEST_CASE("SourceDrain: no cluster: Failed at the kubeconfig step, once; no bridge, no probe") {
    app::TargetOptions options;
    options.builtIn = false;
    options.connection.kubeconfig = "/nonexistent/meshlings-drain-test.kubeconfig";
    app::ClusterTarget target(options);
    app::SourceDrain sources(target, 1.0, nullptr);
    CHECK(sources.bridge() == nullptr);
    CHECK_FALSE(sources.probing());
    sources.start();
    const auto first = sources.drain();
    REQUIRE(first.commands.size() == 1);
    const auto* failed = std::get_if<world::ConnectionChanged>(&first.commands[0]);
    REQUIRE(failed != nullptr);
    CHECK(failed->state == world::ConnectionState::Failed);
    CHECK(failed->failedStep == "kubeconfig");
    CHECK(failed->message == target.configProblem());
    CHECK(sources.drain().commands.empty());
}

TEST_CASE("SourceDrain: the built-in cluster's pods and the probe's pages become world commands") {
    app::TargetOptions options;
    options.seed = 9;
    app::ClusterTarget target(options);
    app::SourceDrain sources(target, 20.0, nullptr);
    REQUIRE(sources.bridge() != nullptr);
    REQUIRE(sources.probing());
    sources.start();
    bool connected = false;
    int probes = 0;
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < end && !(connected && probes >= 3 && sources.podsSeen() >= 6)) {
        for (const auto& command : sources.drain().commands) {
            if (const auto* change = std::get_if<world::ConnectionChanged>(&command)) {
                connected = change->state == world::ConnectionState::Connected;
            }
            if (std::holds_alternative<world::ProbeObserved>(command)) ++probes;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(16));
    }
    CHECK(connected);
    CHECK(probes >= 3);
    CHECK(sources.podsSeen() >= 6);
    CHECK(sources.probeCounters().finished >= 3);
    sources.stop();
    sources.stop();  // idempotent
}
