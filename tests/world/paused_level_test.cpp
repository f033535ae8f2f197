// Issue 16, "A game flow": on the built-in cluster the pause menu pauses the
// level. While it is open the cluster goes on (pods, the probe's answers),
// but the level must not move: no scripted change or chaos step comes due,
// no event is announced, the time left stays, no objective is decided and
// the level does not end. Driven through World commands as GameSession does,
// with the probe answering badly all the while (what v3 failing looks like).
#include <doctest/doctest.h>

#include <filesystem>

#include "collecting_sink.hpp"
#include "world/loader/level_loader.hpp"
#include "world/model/world.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using meshlings::common::PageOutcome;
using meshlings::common::PagePart;
using meshlings::common::ReviewsVersion;

namespace {

Level levelFile(const char* name) {
    return LevelLoader::load(std::filesystem::path(MESHLINGS_LEVEL_DIR) / name);
}

ProbeResult page(bool failing) {
    ProbeResult p;
    p.reviewsVersion = ReviewsVersion::V3;
    p.latencyMs = 40;
    if (failing) {
        p.outcome = PageOutcome::Degraded;
        p.failedAt = PagePart::Reviews;
    }
    return p;
}

void start(World& world) {
    world.submit(ConnectionChanged{ConnectionState::Connected, "", ""});
    for (const char* d : {"productpage-v1", "details-v1", "reviews-v1", "reviews-v3", "ratings-v1"}) {
        world.submit(PodUpserted{test::readyPod(std::string(d) + "-a", d)});
    }
    world.submit(WeightsObserved{ReviewsWeights::of(50, 0, 50)});
    world.step();
}

// `seconds` of ticks with a probe answer every sixth tick.
void run(World& world, int seconds, bool failing) {
    for (std::int64_t t = 0; t < seconds * kTicksPerSecond; ++t) {
        if (t % 6 == 0) world.submit(ProbeObserved{page(failing)});
        world.step();
    }
}

struct Snapshot {
    double levelSeconds;
    std::optional<int> secondsLeft;
    std::vector<ObjectiveStatus> objectives;
    LevelResult result;
};

Snapshot snapshot(const World& world) {
    Snapshot s{world.levelSeconds(), world.hud().secondsLeft, {}, world.rules().result()};
    for (const ObjectiveProgress& o : world.hud().objectives) s.objectives.push_back(o.status);
    return s;
}

void checkStood(const Snapshot& before, const Snapshot& after) {
    CHECK(after.levelSeconds == before.levelSeconds);
    CHECK(after.secondsLeft == before.secondsLeft);
    CHECK(after.objectives == before.objectives);
    CHECK(after.result == before.result);
}

}  // namespace

TEST_CASE("issue 16: a paused level fires no scripted change or event, and its time left stays") {
    // bad-release: at 20 s v3 starts failing (announced), 120 s limit, 20 s to move traffic away.
    test::CollectingSink sink;
    World world(levelFile("bad-release.yaml"), 4, sink);
    start(world);
    run(world, 10, false);
    world.submit(SetPaused{true});
    world.step();
    const Snapshot paused = snapshot(world);
    const std::size_t effectsBefore = sink.all<Message>().size();
    run(world, 200, true);  // far past the script's 20 s and the level's 120 s, v3 failing all along
    checkStood(paused, snapshot(world));
    CHECK(world.levelSeconds() < 20);
    for (std::size_t i = effectsBefore; i < sink.all<Message>().size(); ++i) {
        const Message& m = sink.all<Message>()[i];
        CAPTURE(m.text);
        CHECK(m.kind != MessageKind::Event);
        CHECK(m.kind != MessageKind::Objective);
        CHECK(m.kind != MessageKind::Result);
    }
    world.submit(SetPaused{false});
    run(world, 11, false);
    CHECK(sink.hasMessage("v3"));  // the scripted change is announced once the clock passes 20 s
}

TEST_CASE("issue 16: a paused drill makes none of its chaos steps") {
    // drill-details: deletes a details pod at 12 s; paused at 5 s, no request may leave the world.
    test::CollectingSink sink;
    World world(levelFile("drill-details.yaml"), 4, sink);
    start(world);
    run(world, 5, false);
    (void)world.takeRequests();
    world.submit(SetPaused{true});
    world.step();
    const Snapshot paused = snapshot(world);
    for (int s = 0; s < 90; ++s) {
        run(world, 1, false);
        CHECK(world.takeRequests().empty());
    }
    checkStood(paused, snapshot(world));
    world.submit(SetPaused{false});
    bool deleted = false;
    for (int s = 0; s < 10 && !deleted; ++s) {
        run(world, 1, false);
        for (const ClusterRequest& r : world.takeRequests()) deleted |= r.kind == ClusterRequestKind::DeletePod;
    }
    CHECK(deleted);
}
