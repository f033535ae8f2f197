// Meshling paths: each kind of probe result walks the path its request took
// and ends at the exit, or dies where it failed.
#include "world/model/route_planner.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "world/model/crowd.hpp"

using namespace meshlings::world;
using namespace meshlings::common;
using enum MapNode;

namespace {

ProbeResult probe(PageOutcome outcome, ReviewsVersion version, PagePart failedAt = PagePart::None, int latency = 40) {
    ProbeResult p;
    p.outcome = outcome;
    p.reviewsVersion = version;
    p.failedAt = failedAt;
    p.latencyMs = latency;
    return p;
}

std::vector<MapNode> stops(const ProbeResult& p) {
    BookinfoMap map;
    RoutePlanner planner(map);
    return planner.plan(p, std::nullopt)->stops();
}

}  // namespace

TEST_CASE("Route: a full page through each reviews version") {
    CHECK(stops(probe(PageOutcome::Full, ReviewsVersion::V1)) ==
          std::vector{Ingress, ProductPage, Details, ProductPage, Reviews, ReviewsV1, Reviews, ProductPage, Exit});
    CHECK(stops(probe(PageOutcome::Full, ReviewsVersion::V2)) == std::vector{Ingress, ProductPage, Details, ProductPage,
                                                                             Reviews, ReviewsV2, Ratings, ReviewsV2,
                                                                             Reviews, ProductPage, Exit});
    CHECK(stops(probe(PageOutcome::Full, ReviewsVersion::V3)) == std::vector{Ingress, ProductPage, Details, ProductPage,
                                                                             Reviews, ReviewsV3, Ratings, ReviewsV3,
                                                                             Reviews, ProductPage, Exit});
}

TEST_CASE("Route: failures die where they failed") {
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::None, PagePart::Ingress)) == std::vector{Ingress});
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::None, PagePart::ProductPage)) ==
          std::vector{Ingress, ProductPage});
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::None, PagePart::None)) == std::vector{Ingress, ProductPage});
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::None, PagePart::Details)) ==
          std::vector{Ingress, ProductPage, Details});
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::V3, PagePart::Reviews)) ==
          std::vector{Ingress, ProductPage, Details, ProductPage, Reviews, ReviewsV3});
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::None, PagePart::Reviews)) ==
          std::vector{Ingress, ProductPage, Details, ProductPage, Reviews});
    CHECK(stops(probe(PageOutcome::Failed, ReviewsVersion::V2, PagePart::Ratings)) ==
          std::vector{Ingress, ProductPage, Details, ProductPage, Reviews, ReviewsV2, Ratings});

    BookinfoMap map;
    RoutePlanner planner(map);
    const auto route = planner.plan(probe(PageOutcome::Failed, ReviewsVersion::V3, PagePart::Reviews), std::nullopt);
    CHECK(route->endsInDeath());
    REQUIRE(route->lastEdge());
    CHECK(*route->lastEdge() == *map.edgeBetween(Reviews, ReviewsV3));
}

TEST_CASE("Route: a degraded page is hurt where the part failed and still goes home") {
    BookinfoMap map;
    RoutePlanner planner(map);
    const auto details =
        planner.plan(probe(PageOutcome::Degraded, ReviewsVersion::V1, PagePart::Details), std::nullopt);
    CHECK(details->stops().back() == Exit);
    CHECK_FALSE(details->endsInDeath());
    CHECK(details->hurtTick() > 0);

    // No healthy upstream at reviews: no version answered, the meshling turns at the junction.
    const auto reviews =
        planner.plan(probe(PageOutcome::Degraded, ReviewsVersion::None, PagePart::Reviews), std::nullopt);
    CHECK(reviews->stops() == std::vector{Ingress, ProductPage, Details, ProductPage, Reviews, ProductPage, Exit});
    CHECK(reviews->hurtTick() > details->hurtTick());
}

TEST_CASE("Route: every walkway crossing takes 1 to 3 seconds whatever the latency") {
    BookinfoMap map;
    RoutePlanner planner(map);
    for (int latency : {5, 400, 9000}) {
        const auto route =
            planner.plan(probe(PageOutcome::Full, ReviewsVersion::V2, PagePart::None, latency), std::nullopt);
        const auto n = static_cast<std::int64_t>(route->stops().size() - 1);
        const std::int64_t dwell = (n - 1) * RoutePlanner::kDwellTicks;
        CHECK(route->duration() >= n * RoutePlanner::kMinCrossingTicks + dwell);
        CHECK(route->duration() <= n * RoutePlanner::kMaxCrossingTicks + dwell);
    }
    CHECK(planner.cachedRoutes() == 2);  // 5 and 400 ms are both fast: one shared route
}

TEST_CASE("Route: the meshling walks up to the reviews pod that answered") {
    BookinfoMap map;
    RoutePlanner planner(map);
    const float podX = map.podSlot(ReviewsV2, 4).x;
    const auto route = planner.plan(probe(PageOutcome::Full, ReviewsVersion::V2), podX);
    bool visited = false;
    for (const Waypoint& w : route->waypoints())
        visited = visited || (w.at.x == podX && w.at.y == map.platform(ReviewsV2).anchor.y);
    CHECK(visited);
}

TEST_CASE("Meshling: waits, walks with interpolable positions, exits; a failed one dies for kDeathTicks") {
    BookinfoMap map;
    RoutePlanner planner(map);
    Rng rng(3);
    Crowd crowd;
    REQUIRE(crowd.spawn(probe(PageOutcome::Full, ReviewsVersion::V1),
                        planner.plan(probe(PageOutcome::Full, ReviewsVersion::V1), std::nullopt), rng));
    const auto dying = probe(PageOutcome::Failed, ReviewsVersion::None, PagePart::ProductPage);
    REQUIRE(crowd.spawn(dying, planner.plan(dying, std::nullopt), rng));
    NullEffectSink sink;

    const Vec2 start = crowd.all()[0].position();
    for (int i = 0; i <= Crowd::kMaxStartDelayTicks + 10; ++i) crowd.step(sink, map);
    const Meshling& walker = crowd.all()[0];
    CHECK(walker.state() == MeshlingState::Walking);
    CHECK(walker.position() != walker.previousPosition());
    CHECK(walker.positionAt(0.0F) == walker.previousPosition());
    CHECK(walker.positionAt(1.0F) == walker.position());
    const Vec2 half = walker.positionAt(0.5F);
    CHECK(half.y == doctest::Approx((walker.previousPosition().y + walker.position().y) / 2));
    CHECK(start.y < walker.position().y);  // dropped out of the hatch towards productpage
    CHECK(walker.walkFrame(4) >= 0);
    CHECK(walker.walkFrame(4) < 4);

    std::int64_t ticks = 0;
    while (crowd.died() == 0 && ticks++ < 2000) crowd.step(sink, map);
    REQUIRE(crowd.died() == 1);
    const Meshling* corpse = nullptr;
    for (const Meshling& m : crowd.all()) {
        if (m.state() == MeshlingState::Dying) corpse = &m;
    }
    REQUIRE(corpse != nullptr);
    const Vec2 deathAt = corpse->position();
    CHECK((deathAt - map.platform(ProductPage).anchor).length() <= 0.5F);
    for (int i = 0; i < Meshling::kDeathTicks - 1; ++i) crowd.step(sink, map);
    CHECK(crowd.size() == 2);
    crowd.step(sink, map);
    CHECK(crowd.size() == 1);

    while (crowd.exited() == 0 && ticks++ < 5000) crowd.step(sink, map);
    CHECK(crowd.exited() == 1);
    CHECK(crowd.size() == 0);
}

TEST_CASE("Meshling: a degraded page limps after the part that failed") {
    BookinfoMap map;
    RoutePlanner planner(map);
    Rng rng(4);
    Crowd crowd;
    const auto p = probe(PageOutcome::Degraded, ReviewsVersion::None, PagePart::Details);
    REQUIRE(crowd.spawn(p, planner.plan(p, std::nullopt), rng));
    NullEffectSink sink;
    CHECK_FALSE(crowd.all()[0].limping());
    const std::int32_t hurt = crowd.all()[0].route().hurtTick();
    for (std::int32_t i = 0; i < hurt + Crowd::kMaxStartDelayTicks + 2; ++i) crowd.step(sink, map);
    CHECK(crowd.all()[0].limping());
}
