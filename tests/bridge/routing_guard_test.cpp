// Routing is saved before the game's first change and put back after it,
// against the built-in cluster served in-process: objects the game created
// are deleted, objects it changed are put back, a change made by someone
// else meanwhile is a conflict that leaves the object alone, and a state
// file left by a killed session is restored by RoutingRecovery (what
// `meshlings restore` runs) and blocks new changes until then.
#include "bridge/routing_guard.hpp"

#include <doctest/doctest.h>

#include "bridge/routing_recovery.hpp"
#include "bridge/weights_reader.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "cluster_fixture.hpp"
#include "state_home.hpp"

using namespace meshlings;
using bridge::RestoreResult;
using k8s::testing::ClusterFixture;
using Json = nlohmann::json;

namespace {

bool exists(k8s::IstioRouting& istio, const std::string& kind) {
    try {
        kind == "VirtualService" ? istio.getVirtualService("reviews") : istio.getDestinationRule("reviews");
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return false;
        throw;
    }
    return true;
}

// A hand-made reviews VirtualService (v1 50 / v2 50) with a label and an annotation, and its DestinationRule.
void createOriginal(k8s::IstioRouting& istio) {
    istio.createDestinationRule(
        {{"metadata", {{"name", "reviews"}}},
         {"spec",
          {{"host", "reviews"},
           {"subsets",
            {{{"name", "v1"}, {"labels", {{"version", "v1"}}}}, {{"name", "v2"}, {"labels", {{"version", "v2"}}}}}}}}});
    istio.createVirtualService(
        {{"metadata", {{"name", "reviews"}, {"labels", {{"team", "books"}}}, {"annotations", {{"note", "by hand"}}}}},
         {"spec",
          {{"hosts", {"reviews"}},
           {"http",
            {{{"route",
               {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}, {"weight", 50}},
                {{"destination", {{"host", "reviews"}, {"subset", "v2"}}}, {"weight", 50}}}}}}}}}});
}

const bridge::RestoreStep* stepFor(const bridge::RestoreReport& report, const std::string& object) {
    for (const auto& step : report.steps) {
        if (step.object == object) return &step;
    }
    return nullptr;
}

// Restores through `guard` routing the game created: both objects deleted, the VirtualService gone.
void restoreDeletesBoth(bridge::RoutingGuard& guard, k8s::IstioRouting& istio) {
    const auto report = guard.restore();
    INFO(report.text());
    CHECK(report.ok());
    REQUIRE(stepFor(report, "VirtualService reviews"));
    CHECK(stepFor(report, "VirtualService reviews")->result == RestoreResult::Deleted);
    CHECK(stepFor(report, "DestinationRule reviews")->result == RestoreResult::Deleted);
    CHECK_FALSE(exists(istio, "VirtualService"));
}

}  // namespace

TEST_CASE("routing that did not exist: saved as absent before the first change, deleted on restore") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    REQUIRE_FALSE(exists(istio, "VirtualService"));
    bridge::RoutingGuard guard(fixture.restConfig());
    CHECK(guard.leftover().empty());

    guard.apply(world::ReviewsWeights::of(20, 0, 80), false);
    CHECK(guard.holding());
    const auto file = bridge::RoutingRecovery::fileFor(fixture.restConfig());
    REQUIRE(file.exists());
    const auto saved = file.load();
    REQUIRE(saved.objects.size() == 2);
    for (const auto& object : saved.objects) {
        CHECK_FALSE(object.existed);
        CHECK_FALSE(object.lastWrittenVersion.empty());  // the game's own write is recorded
    }
    const Json vs = istio.getVirtualService("reviews");
    CHECK(bridge::WeightsReader::read(&vs) == world::ReviewsWeights::of(20, 0, 80));

    restoreDeletesBoth(guard, istio);
    CHECK_FALSE(exists(istio, "DestinationRule"));
    CHECK_FALSE(file.exists());
    CHECK_FALSE(guard.holding());
}

TEST_CASE("the game's writes are recorded from the server's answers: reads failing right after them lose nothing") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    bridge::RoutingGuard guard(fixture.restConfig());
    // The reads before the first change and the writer's own reads pass
    // (two of each object); every read after them is answered 500, as by an
    // API server going down right after the writes.
    for (const char* path : {"/virtualservices/reviews", "/destinationrules/reviews"}) {
        sim::FaultRule pass;
        pass.method = "GET";
        pass.path = path;
        pass.times = 2;
        pass.delayMs = 1;
        sim::FaultRule down = pass;
        down.times = -1;
        down.delayMs = 0;
        down.status = 500;
        fixture.server().faults().add(pass);
        fixture.server().faults().add(down);
    }
    guard.apply(world::ReviewsWeights::of(0, 0, 100), false);
    const auto file = bridge::RoutingRecovery::fileFor(fixture.restConfig());
    for (const auto& object : file.load().objects) {
        CAPTURE(object.kind);
        CHECK_FALSE(object.existed);
        CHECK_FALSE(object.lastWrittenVersion.empty());
    }

    fixture.server().faults().clear();
    restoreDeletesBoth(guard, istio);
}

TEST_CASE("routing that existed: spec, labels and annotations put back after several shifts") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    createOriginal(istio);
    const Json originalVs = istio.getVirtualService("reviews");
    const Json originalDr = istio.getDestinationRule("reviews");

    bridge::RoutingGuard guard(fixture.restConfig());
    guard.apply(world::ReviewsWeights::of(0, 0, 100), false);
    guard.apply(world::ReviewsWeights::of(0, 50, 50), false);
    const Json shifted = istio.getVirtualService("reviews");
    CHECK(bridge::WeightsReader::read(&shifted) == world::ReviewsWeights::of(0, 50, 50));
    CHECK(istio.getDestinationRule("reviews")["spec"]["subsets"].size() == 3);  // v3 added by the game

    const auto report = guard.restore();
    INFO(report.text());
    CHECK(report.ok());
    CHECK(stepFor(report, "VirtualService reviews")->result == RestoreResult::PutBack);
    CHECK(stepFor(report, "DestinationRule reviews")->result == RestoreResult::PutBack);
    const Json vs = istio.getVirtualService("reviews");
    CHECK(vs["spec"] == originalVs["spec"]);
    CHECK(vs["metadata"]["labels"] == originalVs["metadata"]["labels"]);
    CHECK(vs["metadata"]["annotations"] == originalVs["metadata"]["annotations"]);
    CHECK(istio.getDestinationRule("reviews")["spec"] == originalDr["spec"]);
    CHECK_FALSE(bridge::RoutingRecovery::fileFor(fixture.restConfig()).exists());
}

TEST_CASE("a change by someone else after the game's write is a conflict: the object is left as they made it") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    createOriginal(istio);
    bridge::RoutingGuard guard(fixture.restConfig());
    guard.apply(world::ReviewsWeights::of(100, 0, 0), false);

    // Someone else edits the VirtualService meanwhile.
    istio.patchVirtualService("reviews", {{"metadata", {{"annotations", {{"edited-by", "alice"}}}}}},
                              k8s::PatchType::Merge);
    const Json theirs = istio.getVirtualService("reviews");

    const auto report = guard.restore();
    INFO(report.text());
    CHECK_FALSE(report.ok());
    const auto* vs = stepFor(report, "VirtualService reviews");
    REQUIRE(vs);
    CHECK(vs->result == RestoreResult::Conflict);
    CHECK(vs->message.find("changed by someone else") != std::string::npos);
    CHECK(vs->message.find(theirs["metadata"]["resourceVersion"].get<std::string>()) != std::string::npos);
    CHECK(istio.getVirtualService("reviews") == theirs);  // untouched
    CHECK(stepFor(report, "DestinationRule reviews")->result == RestoreResult::PutBack);

    // The conflict stays in the state file (only it), and blocks further changes.
    const auto file = bridge::RoutingRecovery::fileFor(fixture.restConfig());
    REQUIRE(file.exists());
    REQUIRE(file.load().objects.size() == 1);
    CHECK(file.load().objects[0].kind == "VirtualService");
    CHECK_FALSE(guard.refusal().empty());
    CHECK_THROWS_AS(guard.apply(world::ReviewsWeights::of(0, 100, 0), false), std::runtime_error);
    CHECK(istio.getVirtualService("reviews") == theirs);
}

TEST_CASE("a killed session's state file: the next guard refuses changes; RoutingRecovery restores it") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    {
        bridge::RoutingGuard killed(fixture.restConfig());
        killed.apply(world::ReviewsWeights::of(0, 100, 0), false);
    }  // gone without restore(), as after kill -9
    REQUIRE(exists(istio, "VirtualService"));

    bridge::RoutingGuard next(fixture.restConfig());
    CHECK(next.leftover().find("never restored") != std::string::npos);
    CHECK(next.leftover().find("VirtualService reviews did not exist") != std::string::npos);
    const std::string before = istio.getVirtualService("reviews")["metadata"]["resourceVersion"];
    CHECK_THROWS_WITH_AS(next.apply(world::ReviewsWeights::of(100, 0, 0), false),
                         doctest::Contains("meshlings restore"), std::runtime_error);
    CHECK(istio.getVirtualService("reviews")["metadata"]["resourceVersion"] == before);
    CHECK_NOTHROW(next.apply(world::ReviewsWeights::of(100, 0, 0), true));  // a dry run changes nothing: allowed

    k8s::RestConfig elsewhere = fixture.restConfig();
    elsewhere.server = "https://127.0.0.1:1";
    bool found = false;
    const auto wrongServer = bridge::RoutingRecovery::restoreSaved(elsewhere, found);
    CHECK(found);
    CHECK(wrongServer.problem.find("was saved for the API server") != std::string::npos);
    CHECK(exists(istio, "VirtualService"));

    const auto report = bridge::RoutingRecovery::restoreSaved(fixture.restConfig(), found);
    INFO(report.text());
    CHECK(found);
    CHECK(report.ok());
    CHECK_FALSE(exists(istio, "VirtualService"));
    CHECK_FALSE(exists(istio, "DestinationRule"));
    const auto again = bridge::RoutingRecovery::restoreSaved(fixture.restConfig(), found);
    CHECK_FALSE(found);
    CHECK(again.ok());
}

TEST_CASE("a dry run saves nothing; a malformed state file is named when restoring") {
    const testing::StateHome home;
    ClusterFixture fixture;
    bridge::RoutingGuard guard(fixture.restConfig());
    guard.apply(world::ReviewsWeights::of(50, 50, 0), true);
    const auto file = bridge::RoutingRecovery::fileFor(fixture.restConfig());
    CHECK_FALSE(file.exists());
    CHECK_FALSE(guard.holding());
    CHECK(guard.restore().steps.empty());

    std::filesystem::create_directories(file.path().parent_path());
    std::ofstream(file.path())
        << R"({"format": 1, "context": "c", "namespace": "default", "server": "s", "objects": [{"kind": "VirtualService"}]})";
    bool found = false;
    const auto report = bridge::RoutingRecovery::restoreSaved(fixture.restConfig(), found);
    CHECK(found);
    CHECK_FALSE(report.ok());
    CHECK(report.problem == "state file " + file.path().string() + ": field objects[0].name: missing");
}
