#pragma once
// Headless verify: plays a replay into a fresh world (same level, same seed),
// stepping to the recorded end tick, and compares the outcome line with the
// recorded one. `meshlings replay FILE` and the replay tests use it; the
// level comes from a resolver so the world library does not read level files
// itself (the app passes the level loader; tests pass their own levels).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "world/level/level.hpp"
#include "world/model/effect_sink.hpp"
#include "world/replay/replay.hpp"

namespace meshlings::world {

class World;

using LevelResolver = std::function<std::optional<Level>(const std::string& levelId)>;

struct VerifyResult {
    bool matches = false;
    std::string expected;  // from the file's end line
    std::string observed;  // WorldDigest::outcomeLine() after playing it
    std::string error;     // the level could not be found, ...; empty otherwise
    std::uint64_t digest = 0;
};

class ReplayVerifier {
public:
    // "sandbox" resolves to a default free-play level when `levels` knows no such id.
    static VerifyResult verify(const Replay& replay, const LevelResolver& levels, EffectSink& effects);
    static VerifyResult verify(const Replay& replay, const LevelResolver& levels);

    // Called after each step of play(), as the window's loop does after each tick.
    using AfterStep = std::function<void(const World&)>;
    // Feeds the replay's commands into `world` at their ticks and steps it to
    // the end tick (or one past the last command). The world must be new.
    static void play(const Replay& replay, World& world, const AfterStep& afterStep = {});

    static Level sandboxLevel();
};

}  // namespace meshlings::world
