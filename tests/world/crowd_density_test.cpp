// Issue 16, "Legible chaos": at 80 requests a second the walkways were a
// solid mass of meshlings (one per request, a tenth of a tile apart). Past
// the density where they overlap, one drawn meshling stands for N requests
// (CrowdDensity, from the measured rate and the walkways' crossing times);
// the HUD says N. At the levels' rates N is 1 and every meshling is drawn.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "collecting_sink.hpp"
#include "test_levels.hpp"
#include "world/model/world.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using meshlings::common::ReviewsVersion;

namespace {

ProbeResult servedByV1() {
    ProbeResult p;
    p.reviewsVersion = ReviewsVersion::V1;
    p.reviewsPod = "reviews-v1-a";
    p.latencyMs = 40;
    return p;
}

// `seconds` of the probe at `perSecond`, spread evenly over the ticks.
void probeAt(World& world, int perSecond, int seconds) {
    for (std::int64_t t = 0; t < seconds * kTicksPerSecond; ++t) {
        const std::int64_t due = (t + 1) * perSecond / kTicksPerSecond - t * perSecond / kTicksPerSecond;
        for (std::int64_t i = 0; i < due; ++i) world.submit(ProbeObserved{servedByV1()});
        world.step();
    }
}

void connect(World& world) {
    world.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
    world.submit(PodUpserted{test::readyPod("reviews-v1-a", "reviews-v1")});
    world.submit(WeightsObserved{ReviewsWeights::of(100, 0, 0)});
    world.step();
}

struct Walkway {
    std::string name;
    float x;  // a straight run along y that only one way of the traffic walks
    float top;
    float bottom;
};

// The ingress shaft (everyone walks down it) and the exit shaft (everyone walks down it home).
const Walkway kWalkways[] = {{"ingress -> productpage", 3, 3.5F, 8.5F}, {"productpage -> exit", 7, 9.5F, 16.5F}};

// Walking meshlings on a walkway, sorted along it; `drawnOnly`: those the screen draws.
std::vector<float> walkersOn(const World& world, const Walkway& walkway, bool drawnOnly) {
    std::vector<float> along;
    for (const Meshling& m : world.meshlings().all()) {
        if (m.state() != MeshlingState::Walking || (drawnOnly && !m.drawn())) continue;
        const Vec2 p = m.position();
        if (std::abs(p.x - walkway.x) <= Crowd::kMaxOffsetTiles + 0.01F && p.y >= walkway.top && p.y <= walkway.bottom)
            along.push_back(p.y);
    }
    std::sort(along.begin(), along.end());
    return along;
}

}  // namespace

TEST_CASE("issue 16: at 80 requests a second a drawn meshling stands for N and the walkways keep a sprite's spacing") {
    // Expected: N > 1 (8 at the map's 8 tiles a second), the HUD says so, and on each walkway the meshlings drawn
    // are at least a sprite width (8 px, half a tile) apart on average. Observed before: every request drawn,
    // a tenth of a tile apart (about 50 on the 5 tiles of the ingress shaft): a solid mass.
    test::CollectingSink sink;
    World world(*test::testLevel("test-delete"), 3, sink);
    connect(world);
    probeAt(world, 80, 25);  // the walk home takes about 13 s

    const int n = world.hud().requestsPerMeshling;
    CHECK(n == world.crowdDensity().perMeshlingAt(80));
    CHECK(n > 1);
    CHECK(world.crowdDensity().measuredPerSecond() == doctest::Approx(80).epsilon(0.05));
    for (const Walkway& walkway : kWalkways) {
        CAPTURE(walkway.name);
        const std::vector<float> every = walkersOn(world, walkway, false);
        const std::vector<float> drawn = walkersOn(world, walkway, true);
        const float length = walkway.bottom - walkway.top;
        CAPTURE(every.size());
        CAPTURE(drawn.size());
        // What was drawn before: one meshling per request, far under a sprite width apart.
        CHECK(length / static_cast<float>(every.size()) < CrowdDensity::kMeshlingWidthTiles / 2);
        REQUIRE(drawn.size() >= 2);
        CHECK(length / static_cast<float>(drawn.size()) >= CrowdDensity::kMeshlingWidthTiles);
        for (const Meshling& m : world.meshlings().all()) CHECK((m.stands() == 0 || m.stands() >= 1));
    }
    // Every request still walks (the figures, the score and replays see them all); only the drawing thins.
    CHECK(world.hud().requests == 80U * 25U);
    // The exit's "+1" is for the meshlings drawn, not for every request home.
    CHECK(sink.all<ExitReached>().size() * 2 < world.meshlings().exited());
}

TEST_CASE("issue 16: at the levels' rates every request is its own meshling (N = 1)") {
    test::CollectingSink sink;
    World world(*test::testLevel("test-delete"), 3, sink);
    connect(world);
    probeAt(world, 10, 8);
    CHECK(world.hud().requestsPerMeshling == 1);
    for (const Meshling& m : world.meshlings().all()) CHECK(m.stands() == 1);
    CHECK(world.crowdDensity().perMeshlingAt(2) == 1);
    CHECK(world.crowdDensity().perMeshlingAt(10) == 1);
    CHECK(world.crowdDensity().perMeshlingAt(80) == 8);
    // Every walkway is long enough to be walked at 8 tiles a second, less a little for crossings rounded to ticks.
    CHECK(world.crowdDensity().slowestTilesPerSecond() ==
          doctest::Approx(RoutePlanner::kWalkTilesPerSecond).epsilon(0.01));
}
