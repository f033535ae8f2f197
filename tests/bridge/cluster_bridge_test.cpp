// The bridge against the built-in cluster served in-process: informer events
// become world commands, the world's requests become real calls, and the
// answers (and what the watches then show) come back as commands.
#include "bridge/cluster_bridge.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "cluster_fixture.hpp"
#include "request_of.hpp"

using namespace meshlings;
using k8s::testing::ClusterFixture;
using Json = nlohmann::json;

namespace {

// Drains the bridge until `done` says so (each command is offered once) or 15 s pass.
bool drainUntil(bridge::ClusterBridge& bridge, std::vector<world::Command>& seen,
                const std::function<bool(const world::Command&)>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        for (auto& command : bridge.drain()) {
            seen.push_back(command);
            if (done(command)) return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

template <class T>
bool is(
    const world::Command& c, const std::function<bool(const T&)>& test = [](const T&) { return true; }) {
    const T* value = std::get_if<T>(&c);
    return value && test(*value);
}

std::string podOf(std::vector<world::Command>& seen, const std::string& app) {
    for (const auto& c : seen) {
        if (const auto* p = std::get_if<world::PodUpserted>(&c); p && p->pod.app == app) return p->pod.name;
    }
    return "";
}

// Connected: every watch has listed (a slow machine may first report Lost or Connecting).
bool connected(const world::Command& c) {
    return is<world::ConnectionChanged>(c, [](const auto& x) { return x.state == world::ConnectionState::Connected; });
}

}  // namespace

TEST_CASE("the first sync gives Bookinfo's pods, Deployments, undefined weights, then Connected") {
    ClusterFixture fixture;
    bridge::ClusterBridge bridge(fixture.restConfig(), true);
    CHECK(bridge.istioProblem().empty());
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, connected));
    int pods = 0, deployments = 0;
    for (const auto& c : seen) {
        pods += is<world::PodUpserted>(c) ? 1 : 0;
        deployments += is<world::ReplicasObserved>(c) ? 1 : 0;
        if (const auto* p = std::get_if<world::PodUpserted>(&c)) {
            CHECK(p->pod.state == world::PodState::Ready);
            CHECK(p->pod.readyContainers == p->pod.totalContainers);
            CHECK(bridge::ClusterBridge::isBookinfoApp(p->pod.app));
        }
        CHECK_FALSE(is<world::WeightsObserved>(c));  // no reviews VirtualService at the start
    }
    CHECK(pods == 6);
    CHECK(deployments == 6);
}

TEST_CASE("Connected comes only after every informer's first list has been drained, however the drains fall") {
    // The bridge is drained without pause, so a drain often falls between one
    // informer's list and its Synced notice; a slow machine makes it likelier.
    ClusterFixture fixture;
    for (int round = 0; round < 20; ++round) {
        CAPTURE(round);
        bridge::ClusterBridge bridge(fixture.restConfig(), true);
        bridge.start();
        int pods = 0, deployments = 0;
        bool seenConnected = false;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
        while (!seenConnected && std::chrono::steady_clock::now() < deadline) {
            for (const auto& c : bridge.drain()) {
                pods += is<world::PodUpserted>(c) ? 1 : 0;
                deployments += is<world::ReplicasObserved>(c) ? 1 : 0;
                if (connected(c)) {
                    seenConnected = true;
                    CHECK(pods == 6);
                    CHECK(deployments == 6);
                }
            }
        }
        REQUIRE(seenConnected);
    }
}

TEST_CASE("a delete request answers Accepted and the watch then shows the pod Terminating and its replacement") {
    ClusterFixture fixture;
    bridge::ClusterBridge bridge(fixture.restConfig(), true);
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, connected));
    const std::string victim = podOf(seen, "ratings");
    REQUIRE_FALSE(victim.empty());
    auto del = meshlings::testing::requestOf(1, world::ClusterRequestKind::DeletePod);
    del.pod = victim;
    bridge.execute(del);
    bool accepted = false, terminating = false, replacement = false;
    REQUIRE(drainUntil(bridge, seen, [&](const auto& c) {
        accepted = accepted || is<world::ApiResult>(c, [](const auto& r) {
                       return r.requestId == 1 && r.outcome == world::ApiOutcome::Accepted;
                   });
        terminating = terminating || is<world::PodUpserted>(c, [&](const auto& p) {
                          return p.pod.name == victim && p.pod.state == world::PodState::Terminating;
                      });
        replacement = replacement || is<world::PodUpserted>(c, [&](const auto& p) {
                          return p.pod.app == "ratings" && p.pod.name != victim;
                      });
        return accepted && terminating && replacement;
    }));

    // A pod that is not there: Refused with the API's reason.
    auto missing = meshlings::testing::requestOf(2, world::ClusterRequestKind::DeletePod);
    missing.pod = "ratings-v1-no-such-pod";
    bridge.execute(missing);
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) { return is<world::ApiResult>(c); }));
    const auto& refused = std::get<world::ApiResult>(seen.back());
    CHECK(refused.outcome == world::ApiOutcome::Refused);
    CHECK(refused.message.find("not found") != std::string::npos);
}

TEST_CASE("disarmed, a delete is a server-side dry run: DryRun, and the pod stays Ready") {
    ClusterFixture fixture;
    bridge::ClusterBridge bridge(fixture.restConfig(), false);
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, connected));
    auto del = meshlings::testing::requestOf(7, world::ClusterRequestKind::DeletePod);
    del.pod = podOf(seen, "details");
    bridge.execute(del);
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) { return is<world::ApiResult>(c); }));
    CAPTURE(std::get<world::ApiResult>(seen.back()).message);
    CHECK(std::get<world::ApiResult>(seen.back()).outcome == world::ApiOutcome::DryRun);
    auto client = fixture.client();
    CHECK_FALSE(k8s::getPod(client, del.pod)["metadata"].contains("deletionTimestamp"));
}

TEST_CASE("weights: created as Kiali's wizard does, patched in place, and changes made with kubectl are seen") {
    ClusterFixture fixture;
    bridge::ClusterBridge bridge(fixture.restConfig(), true);
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, connected));
    auto shift = meshlings::testing::requestOf(1, world::ClusterRequestKind::SetWeights);
    shift.weights = world::ReviewsWeights::of(0, 0, 100);
    bridge.execute(shift);
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::WeightsObserved>(
            c, [](const auto& w) { return w.weights == world::ReviewsWeights::of(0, 0, 100); });
    }));
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    const Json rule = istio.getDestinationRule("reviews");
    CHECK(rule["spec"]["subsets"].size() == 3);
    CHECK(rule["metadata"]["labels"]["kiali_wizard"] == "traffic_shifting");
    CHECK(istio.getVirtualService("reviews")["spec"]["http"][0]["route"][2]["destination"]["host"] ==
          "reviews.default.svc.cluster.local");

    shift.id = 2;
    shift.weights = world::ReviewsWeights::of(50, 50, 0);
    bridge.execute(shift);
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::WeightsObserved>(
            c, [](const auto& w) { return w.weights == world::ReviewsWeights::of(50, 50, 0); });
    }));

    // Someone else (kubectl, Kiali) moves everything to v2: the world hears it.
    Json patch = {{"spec", {{"http", {{{"route", {{{"destination", {{"host", "reviews"}, {"subset", "v2"}}}}}}}}}}}};
    istio.patchVirtualService("reviews", patch, k8s::PatchType::Merge);
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::WeightsObserved>(
            c, [](const auto& w) { return w.weights == world::ReviewsWeights::of(0, 100, 0); });
    }));
    istio.deleteVirtualService("reviews");
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::WeightsObserved>(c, [](const auto& w) { return !w.weights.defined; });
    }));
}

TEST_CASE("a DestinationRule without all subsets gains the missing ones; match rules of a VirtualService are kept") {
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    istio.createDestinationRule(
        {{"metadata", {{"name", "reviews"}}},
         {"spec", {{"host", "reviews"}, {"subsets", {{{"name", "v1"}, {"labels", {{"version", "v1"}}}}}}}}});
    istio.createVirtualService({{"metadata", {{"name", "reviews"}}},
                                {"spec",
                                 {{"hosts", {"reviews"}},
                                  {"http",
                                   {{{"match", {{{"headers", {{"end-user", {{"exact", "jason"}}}}}}}},
                                     {"route", {{{"destination", {{"host", "reviews"}, {"subset", "v2"}}}}}}},
                                    {{"route", {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}}}}}}}}}});
    bridge::RoutingWriter writer(istio, "default");
    writer.apply(world::ReviewsWeights::of(20, 0, 80), false);
    CHECK(istio.getDestinationRule("reviews")["spec"]["subsets"].size() == 3);
    const Json vs = istio.getVirtualService("reviews");
    CHECK(vs["spec"]["http"][0]["route"][0]["destination"]["subset"] == "v2");  // jason's rule untouched
    CHECK(vs["spec"]["http"][1]["route"][2]["weight"] == 80);
    CHECK(vs["spec"]["http"][1]["route"][2]["destination"]["host"] == "reviews");  // the host it used
}

TEST_CASE("scaling answers Accepted and the Deployment's replicas are observed") {
    ClusterFixture fixture;
    bridge::ClusterBridge bridge(fixture.restConfig(), true);
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, connected));
    auto scale = meshlings::testing::requestOf(3, world::ClusterRequestKind::ScaleDeployment);
    scale.deployment = "details-v1";
    scale.replicas = 3;
    bridge.execute(scale);
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::ReplicasObserved>(
            c, [](const auto& r) { return r.deployment == "details-v1" && r.desired == 3; });
    }));
}

TEST_CASE("a restricted identity is refused with Forbidden, and a restarted API server shows Lost then Connected") {
    sim::ServeOptions options = ClusterFixture::defaults();
    options.auth = sim::AuthMode::Token;
    ClusterFixture fixture(options);
    {
        bridge::ClusterBridge viewer(fixture.restConfig("meshlings-viewer"), true);
        viewer.start();
        std::vector<world::Command> seen;
        REQUIRE(drainUntil(viewer, seen, connected));
        auto del = meshlings::testing::requestOf(1, world::ClusterRequestKind::DeletePod);
        del.pod = podOf(seen, "details");
        viewer.execute(del);
        REQUIRE(drainUntil(viewer, seen, [](const auto& c) { return is<world::ApiResult>(c); }));
        const auto& refused = std::get<world::ApiResult>(seen.back());
        CHECK(refused.outcome == world::ApiOutcome::Refused);
        CHECK(refused.message.find("forbidden") != std::string::npos);
    }
    bridge::ClusterBridge bridge(fixture.restConfig(), true);
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, connected));
    fixture.server().restartApi();
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::ConnectionChanged>(c, [](const auto& x) {
            return x.state == world::ConnectionState::Lost && x.failedStep.rfind("watch ", 0) == 0 &&
                   !x.message.empty();
        });
    }));
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::ConnectionChanged>(c,
                                            [](const auto& x) { return x.state == world::ConnectionState::Connected; });
    }));
}

TEST_CASE("contactLost: a watch cut and resumed shows Lost but is no lost contact; the API stopped is") {
    ClusterFixture fixture;
    // The pods' first watch drops after one event; the resumed watch is quiet.
    sim::FaultRule cut;
    cut.method = "GET";
    cut.path = "/api/v1/namespaces/default/pods";
    cut.closeWatchAfterEvents = 1;
    fixture.server().faults().add(cut);
    bridge::ClusterBridge bridge(fixture.restConfig(), true);
    bridge.start();
    std::vector<world::Command> seen;
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::ConnectionChanged>(c,
                                            [](const auto& x) { return x.state == world::ConnectionState::Connected; });
    }));
    auto client = fixture.client();
    k8s::DeleteOptions now;
    now.gracePeriodSeconds = 0;
    k8s::deletePod(client, podOf(seen, "ratings"), now);  // the one event, then the cut
    REQUIRE(drainUntil(bridge, seen, [](const auto& c) {
        return is<world::ConnectionChanged>(c, [](const auto& x) { return x.state == world::ConnectionState::Lost; });
    }));
    CHECK(fixture.server().faults().rules().empty());
    // Past the informer's first backoff (at most 1.6 s) the resumed watch has not failed.
    std::string links = std::get<world::ConnectionChanged>(seen.back()).message;
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2500);
    while (std::chrono::steady_clock::now() < until) {
        for (const auto& c : bridge.drain()) {
            if (const auto* x = std::get_if<world::ConnectionChanged>(&c)) links += " | " + x->message;
        }
        if (bridge.contactLost()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CAPTURE(links);
    CHECK_FALSE(bridge.contactLost());

    fixture.server().stopApi();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!bridge.contactLost() && std::chrono::steady_clock::now() < deadline) {
        bridge.drain();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(bridge.contactLost());
    bridge.stop();
}
