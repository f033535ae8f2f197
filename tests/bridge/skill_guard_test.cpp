// The resilience skills through the RoutingGuard, against the built-in
// cluster served in-process: each skill is one real write of its Istio field
// (checked with a GET), the object is saved first, and restore puts it back
// exactly as found -- an object the skill created is deleted, a field it
// added to an existing object is removed, a value it replaced comes back.
// A dry run writes and saves nothing. Without a guard (the built-in cluster's
// own sessions) the RequestExecutor writes the same through a SkillWriter.
#include <doctest/doctest.h>

#include "bridge/request_executor.hpp"
#include "bridge/routing_guard.hpp"
#include "bridge/routing_recovery.hpp"
#include "bridge/skill_writer.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "cluster_fixture.hpp"
#include "state_home.hpp"

using namespace meshlings;
using bridge::RestoreResult;
using k8s::testing::ClusterFixture;
using world::ClusterRequestKind;
using Json = nlohmann::json;

namespace {

world::ClusterRequest skill(ClusterRequestKind kind, const std::string& service) {
    world::ClusterRequest r;
    r.id = 1;
    r.kind = kind;
    r.service = service;
    r.retry = world::RetrySettings{4, 250, "5xx,connect-failure"};
    r.timeout = world::TimeoutSettings{1500};
    r.breaker = world::BreakerSettings{2, 1};
    r.eject = world::EjectSettings{1, 20};
    return r;
}

// The skill's object as it is now (kind after SkillWriter), or null when absent.
Json liveOf(k8s::IstioRouting& istio, const world::ClusterRequest& r) {
    try {
        return bridge::SkillWriter::kindOf(r.kind) == "VirtualService" ? istio.getVirtualService(r.service)
                                                                       : istio.getDestinationRule(r.service);
    } catch (const k8s::StatusError& e) {
        if (e.notFound()) return nullptr;
        throw;
    }
}

// What restore must bring back: the spec, labels and annotations, or absence.
Json asFound(const Json& live) {
    if (live.is_null()) return nullptr;
    return {{"spec", live["spec"]},
            {"labels", live["metadata"].value("labels", Json::object())},
            {"annotations", live["metadata"].value("annotations", Json::object())}};
}

// A hand-made ratings VirtualService with a timeout of its own, and a ratings DestinationRule with a
// load balancer and no outlier detection: the skills replace and add fields there.
void createRatingsRouting(k8s::IstioRouting& istio) {
    istio.createVirtualService(
        {{"metadata", {{"name", "ratings"}, {"labels", {{"team", "books"}}}}},
         {"spec",
          {{"hosts", {"ratings"}},
           {"http",
            {{{"route", {{{"destination", {{"host", "ratings"}, {"subset", "v1"}}}}}}, {"timeout", "10s"}}}}}}});
    istio.createDestinationRule({{"metadata", {{"name", "ratings"}}},
                                 {"spec",
                                  {{"host", "ratings"},
                                   {"subsets", {{{"name", "v1"}, {"labels", {{"version", "v1"}}}}}},
                                   {"trafficPolicy", {{"loadBalancer", {{"simple", "ROUND_ROBIN"}}}}}}}});
}

// Applies `r` through a guard, checks the object holds it, restores, checks it is back as found.
void applyAndRestore(ClusterFixture& fixture, k8s::IstioRouting& istio, const world::ClusterRequest& r) {
    CAPTURE(world::clusterRequestKindName(r.kind));
    CAPTURE(r.service);
    const Json before = asFound(liveOf(istio, r));
    bridge::RoutingGuard guard(fixture.restConfig());
    guard.applySkill(r, false);
    CHECK(guard.holding());
    const Json after = liveOf(istio, r);
    REQUIRE(after.is_object());
    CHECK(bridge::SkillWriter::holds(after, r));
    const auto file = bridge::RoutingRecovery::fileFor(fixture.restConfig());
    REQUIRE(file.exists());
    const auto saved = file.load();
    REQUIRE(saved.objects.size() == 1);
    CHECK(saved.objects[0].existed == !before.is_null());
    CHECK_FALSE(saved.objects[0].lastWrittenVersion.empty());

    const auto report = guard.restore();
    INFO(report.text());
    CHECK(report.ok());
    REQUIRE(report.steps.size() == 1);
    CHECK(report.steps[0].result == (before.is_null() ? RestoreResult::Deleted : RestoreResult::PutBack));
    CHECK(asFound(liveOf(istio, r)) == before);
    CHECK_FALSE(file.exists());
}

}  // namespace

TEST_CASE("each skill on a service with no routing: created with its field, deleted on restore") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    for (const auto kind : {ClusterRequestKind::SetRetries, ClusterRequestKind::SetTimeout,
                            ClusterRequestKind::SetConnectionPool, ClusterRequestKind::SetOutlierDetection}) {
        const auto r = skill(kind, "details");
        REQUIRE(liveOf(istio, r).is_null());
        applyAndRestore(fixture, istio, r);
        CHECK(liveOf(istio, r).is_null());
    }
}

TEST_CASE("each skill on existing routing: only its field changes; restore puts the object back as found") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    createRatingsRouting(istio);
    const Json vsBefore = istio.getVirtualService("ratings");
    const Json drBefore = istio.getDestinationRule("ratings");

    bridge::RoutingGuard guard(fixture.restConfig());
    guard.applySkill(skill(ClusterRequestKind::SetTimeout, "ratings"), false);
    Json vs = istio.getVirtualService("ratings");
    CHECK(vs["spec"]["http"][0]["timeout"] == "1500ms");  // the route's own 10s replaced
    CHECK(vs["spec"]["http"][0]["route"] == vsBefore["spec"]["http"][0]["route"]);
    CHECK(vs["metadata"]["labels"] == vsBefore["metadata"]["labels"]);
    guard.applySkill(skill(ClusterRequestKind::SetRetries, "ratings"), false);
    vs = istio.getVirtualService("ratings");
    CHECK(vs["spec"]["http"][0]["retries"] ==
          Json{{"attempts", 4}, {"perTryTimeout", "250ms"}, {"retryOn", "5xx,connect-failure"}});
    CHECK(vs["spec"]["http"][0]["timeout"] == "1500ms");  // the skills add up
    guard.applySkill(skill(ClusterRequestKind::SetConnectionPool, "ratings"), false);
    guard.applySkill(skill(ClusterRequestKind::SetOutlierDetection, "ratings"), false);
    const Json dr = istio.getDestinationRule("ratings");
    CHECK(dr["spec"]["trafficPolicy"]["loadBalancer"] == drBefore["spec"]["trafficPolicy"]["loadBalancer"]);
    CHECK(dr["spec"]["trafficPolicy"]["connectionPool"] ==
          Json{{"tcp", {{"maxConnections", 2}}}, {"http", {{"http1MaxPendingRequests", 1}}}});
    CHECK(dr["spec"]["trafficPolicy"]["outlierDetection"]["consecutive5xxErrors"] == 1);
    CHECK(dr["spec"]["trafficPolicy"]["outlierDetection"]["baseEjectionTime"] == "20s");
    REQUIRE(bridge::RoutingRecovery::fileFor(fixture.restConfig()).load().objects.size() == 2);

    const auto report = guard.restore();
    INFO(report.text());
    CHECK(report.ok());
    CHECK(asFound(istio.getVirtualService("ratings")) == asFound(vsBefore));
    CHECK(asFound(istio.getDestinationRule("ratings")) == asFound(drBefore));
    CHECK(istio.getDestinationRule("ratings")["spec"]["trafficPolicy"].count("outlierDetection") == 0);

    for (const auto kind : {ClusterRequestKind::SetRetries, ClusterRequestKind::SetTimeout,
                            ClusterRequestKind::SetConnectionPool, ClusterRequestKind::SetOutlierDetection}) {
        applyAndRestore(fixture, istio, skill(kind, "ratings"));  // one at a time, too
    }
}

TEST_CASE("a shift and a skill on reviews: both objects saved once, restore deletes what the game created") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    bridge::RoutingGuard guard(fixture.restConfig());
    guard.applySkill(skill(ClusterRequestKind::SetRetries, "reviews"), false);
    guard.apply(world::ReviewsWeights::of(0, 50, 50), false);
    guard.applySkill(skill(ClusterRequestKind::SetOutlierDetection, "reviews"), false);
    const Json vs = istio.getVirtualService("reviews");
    CHECK(vs["spec"]["http"][0].contains("retries"));  // the shift replaced only the route
    CHECK(istio.getDestinationRule("reviews")["spec"]["subsets"].size() == 3);
    CHECK(bridge::RoutingRecovery::fileFor(fixture.restConfig()).load().objects.size() == 2);
    const auto report = guard.restore();
    INFO(report.text());
    CHECK(report.ok());
    CHECK(liveOf(istio, skill(ClusterRequestKind::SetRetries, "reviews")).is_null());
    CHECK(liveOf(istio, skill(ClusterRequestKind::SetOutlierDetection, "reviews")).is_null());
}

TEST_CASE("a dry-run skill changes nothing and saves nothing; the executor without a guard writes for real") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    bridge::RoutingGuard guard(fixture.restConfig());
    const auto r = skill(ClusterRequestKind::SetConnectionPool, "details");
    guard.applySkill(r, true);
    CHECK_FALSE(guard.holding());
    CHECK_FALSE(bridge::RoutingRecovery::fileFor(fixture.restConfig()).exists());
    CHECK(liveOf(istio, r).is_null());

    bridge::RequestExecutor executor(fixture.restConfig(), false);
    CHECK(executor.run(r, true).outcome == world::ApiOutcome::DryRun);
    CHECK(liveOf(istio, r).is_null());
    const auto done = executor.run(r, false);
    INFO(done.message);
    CHECK(done.outcome == world::ApiOutcome::Accepted);
    CHECK(bridge::SkillWriter::holds(liveOf(istio, r), r));
    auto bad = skill(ClusterRequestKind::SetTimeout, "details");
    bad.timeout.timeoutMs = 1;
    CHECK(executor.run(bad, false).outcome == world::ApiOutcome::Accepted);  // 1ms is a valid Go duration
}

TEST_CASE("a killed session's skill: the state file it left is what `meshlings restore` puts back") {
    const testing::StateHome home;
    ClusterFixture fixture;
    auto client = fixture.client();
    k8s::IstioRouting istio(client);
    createRatingsRouting(istio);
    const Json drBefore = istio.getDestinationRule("ratings");
    {
        // The session writes a circuit breaker and an eject, then dies without restoring (kill -9: the guard
        // never runs restore; only its state file is left).
        bridge::RoutingGuard guard(fixture.restConfig());
        guard.applySkill(skill(ClusterRequestKind::SetConnectionPool, "ratings"), false);
        guard.applySkill(skill(ClusterRequestKind::SetTimeout, "details"), false);
    }
    CHECK(istio.getDestinationRule("ratings")["spec"]["trafficPolicy"].contains("connectionPool"));
    bridge::RoutingGuard next(fixture.restConfig());
    CHECK_FALSE(next.leftover().empty());
    CHECK_THROWS(next.applySkill(skill(ClusterRequestKind::SetRetries, "ratings"), false));  // refused until restored

    bool found = false;
    const auto report = bridge::RoutingRecovery::restoreSaved(fixture.restConfig(), found);
    INFO(report.text());
    CHECK(found);
    CHECK(report.ok());
    CHECK(asFound(istio.getDestinationRule("ratings")) == asFound(drBefore));
    CHECK(liveOf(istio, skill(ClusterRequestKind::SetTimeout, "details")).is_null());  // created by the skill: deleted
    CHECK_FALSE(bridge::RoutingRecovery::fileFor(fixture.restConfig()).exists());
}
