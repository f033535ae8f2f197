#include "world/replay/replay_verifier.hpp"

#include "world/model/world.hpp"
#include "world/model/world_digest.hpp"

namespace meshlings::world {

Level ReplayVerifier::sandboxLevel() {
    Level level;
    level.id = "sandbox";
    level.title = "Free play";
    level.sandbox = true;
    // As levels/free-play.yaml: free play may take any pod down.
    level.safety.allowLastReadyPodDelete = true;
    level.safety.maxDeletesPerMinute = 600;
    return level;
}

void ReplayVerifier::play(const Replay& replay, World& world, const AfterStep& afterStep) {
    const Tick end = replay.endTick.value_or(replay.commands.empty() ? Tick{0} : replay.commands.back().tick + 1);
    std::size_t next = 0;
    while (world.now() < end) {
        while (next < replay.commands.size() && replay.commands[next].tick <= world.now()) {
            world.submit(replay.commands[next++].command);
        }
        world.step();
        if (afterStep) afterStep(world);
    }
}

VerifyResult ReplayVerifier::verify(const Replay& replay, const LevelResolver& levels, EffectSink& effects) {
    VerifyResult result;
    result.expected = replay.expectedOutcome;
    std::optional<Level> level = levels ? levels(replay.header.levelId) : std::nullopt;
    if (!level && replay.header.levelId == "sandbox") level = sandboxLevel();
    if (!level) {
        result.error = "unknown level \"" + replay.header.levelId + "\"";
        return result;
    }
    World world(std::move(*level), replay.header.seed, effects);
    play(replay, world);
    result.observed = WorldDigest::outcomeLine(world);
    result.digest = WorldDigest::of(world);
    result.matches = replay.endTick.has_value() && result.observed == result.expected;
    return result;
}

VerifyResult ReplayVerifier::verify(const Replay& replay, const LevelResolver& levels) {
    NullEffectSink effects;
    return verify(replay, levels, effects);
}

}  // namespace meshlings::world
