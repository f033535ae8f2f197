#pragma once
// What the world tells the outside about as it happens, for juice and sound:
// the world only reports; the renderer and the audio decide how it looks and
// sounds. Plain data, delivered through an EffectSink during World::step().
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "world/model/bookinfo_map.hpp"
#include "world/model/vec2.hpp"

namespace meshlings::world {

// A pod of this service went Terminating: shake the platform.
struct PodShake {
    std::string pod;
    MapNode node = MapNode::ProductPage;
};

// A pod became Ready again (or for the first time after the level began): a green sparkle.
struct RecoverySparkle {
    std::string pod;
    Vec2 at;
};

// A meshling died: it pops at `at`, and the walkway it came by flashes red.
struct MeshlingDied {
    std::uint64_t meshling = 0;
    Vec2 at;
    MapNode node = MapNode::Ingress;
    std::optional<std::size_t> edge;  // index in BookinfoMap::edges()
};

// A meshling walked into the exit: a flash and "+1" (grey when the page was degraded).
struct ExitReached {
    std::uint64_t meshling = 0;
    Vec2 at;
    bool degraded = false;
};

enum class MessageKind : std::uint8_t {
    Info,       // "reviews-v2-... deleted"
    Warning,    // connection lost, dry run
    Refusal,    // an action the world or the API refused, with the reason
    Objective,  // an objective met or failed
    Result,     // the level ended
    Event,      // the level's own event or chaos step ("reviews-v3 starts failing (80 %)"): a callout banner
};

struct Message {
    MessageKind kind = MessageKind::Info;
    std::string text;
};

using Effect = std::variant<PodShake, RecoverySparkle, MeshlingDied, ExitReached, Message>;

}  // namespace meshlings::world
