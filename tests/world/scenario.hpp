#pragma once
// Plays a scripted session: a world on a test level, the FakeBookinfo
// answering its requests and probing, the player's actions at given ticks,
// everything recorded. The replay files in tests/replays were made with
// these scenarios (MESHLINGS_WRITE_REPLAYS=1 re-records them).
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "fake_bookinfo.hpp"
#include "test_levels.hpp"
#include "world/model/effect_sink.hpp"
#include "world/model/world.hpp"
#include "world/model/world_digest.hpp"
#include "world/replay/recorder.hpp"

namespace meshlings::world::test {

struct Scenario {
    std::string file;  // name in tests/replays
    std::string levelId;
    std::uint64_t seed = 1;
    std::int64_t ticks = 0;
    bool v3Broken = false;
    std::vector<std::pair<std::int64_t, Command>> player;  // ticks in order
};

// Runs `s`, recording to `out`; returns the final outcome line.
inline std::string runScenario(const Scenario& s, std::ostream& out) {
    NullEffectSink effects;
    World world(*testLevel(s.levelId), s.seed, effects);
    Recorder recorder(out, ReplayHeader{kReplayFormatVersion, s.levelId, s.seed});
    recorder.comment("recorded by tests/world/scenario.hpp: " + s.file);
    world.setCommandListener(recorder.listener());
    FakeBookinfo cluster(s.seed * 31 + 7);
    cluster.reviewsV3Broken = s.v3Broken;
    std::size_t next = 0;
    while (world.now().value < s.ticks) {
        for (Command& c : cluster.commandsAt(world.now())) world.submit(std::move(c));
        while (next < s.player.size() && s.player[next].first <= world.now().value)
            world.submit(s.player[next++].second);
        world.step();
        for (const ClusterRequest& r : world.takeRequests()) cluster.execute(r, world.now());
    }
    recorder.finish(world);
    return WorldDigest::outcomeLine(world);
}

inline std::vector<Scenario> scenarios() {
    Scenario del{"delete-two.replay", "test-delete", 11, 62 * kTicksPerSecond, false, {}};
    del.player = {
        {300, SelectPod{"reviews-v1-3"}},
        {310, RequestDeletePod{"reviews-v1-3"}},
        {900, CycleSelection{1}},
        {1200, RequestDeletePod{"details-v1-2"}},
        {1500, RequestDeletePod{"ratings-v1-6"}},
        {1600, RequestDeletePod{"productpage-v1-1"}},
    };
    Scenario canary{"canary.replay", "test-canary", 22, 97 * kTicksPerSecond, false, {}};
    canary.player = {
        {600, RequestWeights{ReviewsWeights::of(75, 0, 25)}},
        {1800, RequestWeights{ReviewsWeights::of(50, 0, 50)}},
        {2400, SetPaused{true}},
        {2700, SetPaused{false}},
        {3000, RequestWeights{ReviewsWeights::of(0, 0, 100)}},
    };
    Scenario bad{"sandbox-bad-v3.replay", "sandbox", 33, 30 * kTicksPerSecond, true, {}};
    bad.player = {
        {120, RequestWeights{ReviewsWeights::of(0, 50, 50)}},
        {600, RequestScale{"reviews-v2", 2}},
        {900, RequestWeights{ReviewsWeights::of(0, 100, 0)}},
        {1200, RequestWeights{ReviewsWeights::of(0, 90, 20)}},
    };
    return {del, canary, bad};
}

}  // namespace meshlings::world::test
