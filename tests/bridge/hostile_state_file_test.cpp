// A state file is untrusted input (issue 17, case 6). Expected: restore acts
// only on the routing a RoutingGuard saves (the `reviews` VirtualService and
// DestinationRule of the namespace restored, matching the saved uid) and
// refuses anything else by name, leaving it alone. Observed before: a state
// file naming the `bookinfo` VirtualService as "created by the game" (with
// its live resourceVersion as the game's last write) made restore delete it.
#include <doctest/doctest.h>

#include <fstream>

#include "bridge/restore_scope.hpp"
#include "bridge/routing_recovery.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "cluster_fixture.hpp"
#include "state_home.hpp"

using namespace meshlings;
using bridge::RestoreResult;
using k8s::testing::ClusterFixture;
using Json = nlohmann::json;

namespace {

Json hostileVs(const std::string& name) {
    return {{"metadata", {{"name", name}}},
            {"spec",
             {{"hosts", {name}},
              {"http", {{{"route", {{{"destination", {{"host", name}, {"subset", "v1"}}}, {"weight", 100}}}}}}}}}};
}

bool hostilePresent(k8s::IstioRouting& istio, const std::string& name) {
    try {
        istio.getVirtualService(name);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return false;
        throw;
    }
    return true;
}

// A state file that says the game created `name` and last wrote it at its live resourceVersion.
void writeHostileFile(const k8s::RestConfig& config, const std::string& nameSpace, const Json& live) {
    const auto file = bridge::RoutingRecovery::fileFor(config);
    std::filesystem::create_directories(file.path().parent_path());
    const Json& metadata = live["metadata"];
    const Json state = {{"format", 1},
                        {"context", bridge::RoutingRecovery::contextOf(config)},
                        {"namespace", nameSpace},
                        {"server", config.server},
                        {"objects",
                         {{{"kind", "VirtualService"},
                           {"name", metadata["name"]},
                           {"existed", false},
                           {"uid", metadata["uid"]},
                           {"lastWrittenResourceVersion", metadata["resourceVersion"]}}}}};
    std::ofstream(file.path()) << state.dump(2);
}

const bridge::RestoreStep* hostileStep(const bridge::RestoreReport& report, const std::string& object) {
    for (const auto& step : report.steps) {
        if (step.object == object) return &step;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("hostile state file: an object the game never saves is refused by name and left alone") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    const Json live = istio.getVirtualService("bookinfo");  // the built-in cluster's, routing the product page
    const k8s::RestConfig config = fixture.restConfig();
    writeHostileFile(config, config.nameSpace, live);

    bool found = false;
    const auto report = bridge::RoutingRecovery::restoreSaved(config, found);
    INFO(report.text());
    CHECK(found);
    CHECK_FALSE(report.ok());
    const auto* step = hostileStep(report, "VirtualService bookinfo");
    REQUIRE(step != nullptr);
    CHECK(step->result == RestoreResult::Refused);
    CHECK(report.text().find("VirtualService bookinfo: refused") != std::string::npos);
    CHECK(hostilePresent(istio, "bookinfo"));
    CHECK(bridge::RoutingRecovery::fileFor(config).exists());  // kept: the user sees it again, or --forget
}

TEST_CASE("hostile state file: a reviews object whose uid is not the saved one is refused, not deleted") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    Json live = istio.createVirtualService(hostileVs("reviews"));
    live["metadata"]["uid"] = "not-the-live-uid";
    const k8s::RestConfig config = fixture.restConfig();
    writeHostileFile(config, config.nameSpace, live);

    bool found = false;
    const auto report = bridge::RoutingRecovery::restoreSaved(config, found);
    INFO(report.text());
    const auto* step = hostileStep(report, "VirtualService reviews");
    REQUIRE(step != nullptr);
    CHECK(step->result == RestoreResult::Refused);
    CHECK(step->message.find("not-the-live-uid") != std::string::npos);
    CHECK(hostilePresent(istio, "reviews"));
}

TEST_CASE("hostile state file: a file naming another namespace restores nothing") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    const Json live = istio.createVirtualService(hostileVs("reviews"));
    const k8s::RestConfig config = fixture.restConfig();
    writeHostileFile(config, "kube-system", live);

    bool found = false;
    const auto report = bridge::RoutingRecovery::restoreSaved(config, found);
    CHECK_FALSE(report.ok());
    CHECK(report.problem.find("names the namespace \"kube-system\"") != std::string::npos);
    CHECK(report.steps.empty());
    CHECK(hostilePresent(istio, "reviews"));
}

TEST_CASE("RestoreScope keeps one VirtualService and DestinationRule per Bookinfo service, with a uid when written") {
    bridge::RoutingSnapshot snapshot;
    const auto object = [](std::string kind, std::string name, std::string uid, std::string written) {
        bridge::SavedObject saved;
        saved.kind = std::move(kind);
        saved.name = std::move(name);
        saved.uid = std::move(uid);
        saved.lastWrittenVersion = std::move(written);
        return saved;
    };
    snapshot.objects = {
        object("VirtualService", "reviews", "u1", "5"),  object("VirtualService", "reviews", "u2", "6"),
        object("DestinationRule", "mongodb", "u3", "7"), object("DestinationRule", "reviews", "", "8"),
        object("Gateway", "reviews", "u4", "9"),         object("DestinationRule", "ratings", "u5", "10"),
        object("VirtualService", "ratings", "u6", "")};
    std::vector<bridge::SavedObject> refused;
    const auto steps = bridge::RestoreScope::screen(snapshot, refused);
    REQUIRE(snapshot.objects.size() == 3);  // a skill's objects are the game's too
    CHECK(snapshot.objects[0].uid == "u1");
    CHECK(snapshot.objects[1].describe() == "DestinationRule ratings");
    CHECK(snapshot.objects[2].describe() == "VirtualService ratings");
    REQUIRE(steps.size() == 4);
    CHECK(refused.size() == 4);
    CHECK(steps[0].message.find("names it twice") != std::string::npos);
    CHECK(steps[1].object == "DestinationRule mongodb");
    CHECK(steps[2].message.find("no uid") != std::string::npos);
    CHECK(steps[3].object == "Gateway reviews");
}

TEST_CASE("hostile state file: a file past the size bound is refused unread, naming the file") {
    const testing::StateHome home;
    const auto path = home.path() / "huge.json";
    {
        std::ofstream out(path);
        out << R"({"format": 1, "pad": ")" << std::string(bridge::RoutingStateFile::kMaxBytes, 'x') << "\"}";
    }
    const bridge::RoutingStateFile file(path);
    try {
        file.load();
        FAIL("a huge state file was read");
    } catch (const std::exception& e) {
        CHECK(std::string(e.what()).find(path.string() + ": larger than") != std::string::npos);
    }
}
