// Issue 16, "Legible chaos", in the world: what the screen needs to show
// failing answers where they happen. TrafficHealth gives each walkway and
// service its requests per second and failing share (Kiali's thresholds),
// a Ready pod whose answers fail is sick, and the level's scripted changes
// and chaos steps are announced as Event messages when their second comes.
#include <doctest/doctest.h>

#include <filesystem>

#include "collecting_sink.hpp"
#include "world/level/level_announcer.hpp"
#include "world/loader/level_loader.hpp"
#include "world/model/world.hpp"

using namespace meshlings::world;
using meshlings::common::PageOutcome;
using meshlings::common::PagePart;
using meshlings::common::ReviewsVersion;

namespace {

PodObservation chaosPod(const std::string& name, const std::string& deployment) {
    PodObservation p;
    p.name = name;
    p.deployment = deployment;
    p.app = deployment.substr(0, deployment.find('-'));
    p.version = deployment.substr(deployment.find('-') + 1);
    p.state = PodState::Ready;
    p.totalContainers = 2;
    p.readyContainers = 2;
    return p;
}

ProbeResult chaosPage(ReviewsVersion version) {
    ProbeResult p;
    p.reviewsVersion = version;
    p.latencyMs = 30;
    return p;
}

ProbeResult reviewsFailedPage() {  // the error page names no reviews pod
    ProbeResult p;
    p.outcome = PageOutcome::Degraded;
    p.failedAt = PagePart::Reviews;
    p.latencyMs = 30;
    return p;
}

Level badReleaseLevel() {
    return LevelLoader::load(std::filesystem::path(MESHLINGS_LEVEL_DIR) / "bad-release.yaml");
}

std::size_t walkwayInto(const World& world, MapNode from, MapNode to) {
    return *world.map().edgeBetween(from, to);
}

}  // namespace

TEST_CASE("issue 16: a reviews version failing 80 % of its answers is sick and its walkway red; v1 stays well") {
    // Expected: with v1 50 / v3 50 and v3 failing 80 %, reviews-v3's pod is sick and the walkway to it is
    // red (Kiali's Failure, 10 % or more); reviews-v1's pod and walkway stay healthy.
    // Observed before: the world kept no failures per service; the v3 pod smiled with a green light.
    test::CollectingSink sink;
    World world(badReleaseLevel(), 4, sink);
    world.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
    world.submit(PodUpserted{chaosPod("reviews-v1-a", "reviews-v1")});
    world.submit(PodUpserted{chaosPod("reviews-v3-a", "reviews-v3")});
    world.submit(WeightsObserved{ReviewsWeights::of(50, 0, 50)});
    world.step();
    for (int i = 0; i < 200; ++i) {
        // Of every ten pages five are v1's, one v3's, four v3's failures (which the page cannot name).
        const int k = i % 10;
        world.submit(ProbeObserved{k < 5 ? chaosPage(ReviewsVersion::V1)
                                         : (k == 5 ? chaosPage(ReviewsVersion::V3) : reviewsFailedPage())});
        world.step();
    }
    const Pod& v1 = *world.pods().find("reviews-v1-a");
    const Pod& v3 = *world.pods().find("reviews-v3-a");
    REQUIRE(world.healthOf(v3).failureShare());
    CHECK(*world.healthOf(v3).failureShare() == doctest::Approx(0.8).epsilon(0.05));
    CHECK(*world.healthOf(v1).failureShare() < kFailureShare);
    CHECK(world.sick(v3));
    CHECK_FALSE(world.sick(v1));
    CHECK(healthLevel(world.health().edge(walkwayInto(world, MapNode::Reviews, MapNode::ReviewsV3))) ==
          HealthLevel::Failure);
    CHECK(healthLevel(world.health().edge(walkwayInto(world, MapNode::Reviews, MapNode::ReviewsV1))) ==
          HealthLevel::Healthy);
    CHECK(healthLevel(world.health().edge(walkwayInto(world, MapNode::Ingress, MapNode::ProductPage))) ==
          HealthLevel::Healthy);
    CHECK(world.health().edge(walkwayInto(world, MapNode::Ingress, MapNode::ProductPage)).perSecond > 0);
}

TEST_CASE("issue 16: the mesh telemetry's failing share makes a pod sick, and Kiali's thresholds colour edges") {
    test::CollectingSink sink;
    World world(badReleaseLevel(), 4, sink);
    world.submit(PodUpserted{chaosPod("reviews-v3-a", "reviews-v3")});
    world.submit(PodUpserted{chaosPod("details-v1-a", "details-v1")});
    world.submit(TelemetryObserved{
        true,
        "",
        "",
        {{MapNode::ProductPage, MapNode::ReviewsV3, 5000, 800}, {MapNode::ProductPage, MapNode::Details, 10000, 50}}});
    world.step();
    const Pod& v3 = *world.pods().find("reviews-v3-a");
    CHECK(world.sick(v3));
    CHECK(world.healthOf(v3).perSecond == doctest::Approx(5.0));
    CHECK(*world.healthOf(v3).failureShare() == doctest::Approx(0.8));
    CHECK(world.healthOf(v3).measured);
    CHECK_FALSE(world.sick(*world.pods().find("details-v1-a")));  // 5 %: Degraded, not sick
    CHECK(healthLevel(world.health().edge(walkwayInto(world, MapNode::ProductPage, MapNode::Details))) ==
          HealthLevel::Degraded);

    auto level = [](double perSecond, double failed) { return healthLevel(EdgeHealth{perSecond, failed, true}); };
    CHECK(level(0, 0) == HealthLevel::Idle);
    CHECK(level(10, 0) == HealthLevel::Healthy);
    CHECK(level(1000, 1) == HealthLevel::Degraded);  // 0.1 %: any 5xx is Degraded
    CHECK(level(10, 0.99) == HealthLevel::Degraded);
    CHECK(level(10, 1) == HealthLevel::Failure);  // 10 %
}

TEST_CASE("issue 16: a level's scripted change is announced when its second comes") {
    // Expected: bad-release's change at 20 s ("reviews-v3 starts failing (80 %)") is an Event message at 20 s.
    // Observed before: the level event was applied unannounced.
    test::CollectingSink sink;
    World world(badReleaseLevel(), 4, sink);
    world.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
    auto events = [&sink] {
        std::vector<std::string> out;
        for (const Message& m : sink.all<Message>()) {
            if (m.kind == MessageKind::Event) out.push_back(m.text);
        }
        return out;
    };
    for (int i = 0; i < 19 * kTicksPerSecond; ++i) world.step();
    CHECK(events().empty());
    for (int i = 0; i < 2 * kTicksPerSecond; ++i) world.step();
    CHECK(events() == std::vector<std::string>{"reviews-v3 starts failing (80 %)"});

    ChaosAction remove;
    remove.kind = ChaosActionKind::DeletePod;
    remove.deployment = "details-v1";
    CHECK(LevelAnnouncer::describe(remove) == "chaos: deletes a pod of details-v1");
    ChaosAction weights;
    weights.kind = ChaosActionKind::SetWeights;
    weights.weights = {{"v1", 0}, {"v3", 100}};
    CHECK(LevelAnnouncer::describe(weights) == "chaos: shifts reviews to v1 0% v3 100%");
    WorkloadSetup slow;
    slow.deployment = "ratings-v1";
    slow.annotations = {{"meshlings.dev/latency-ms", "2500"}};
    CHECK(LevelAnnouncer::describe(slow) == "ratings-v1 slows down (+2500 ms)");
}
