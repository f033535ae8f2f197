#pragma once
// The world's effects turned into short-lived juice: the EffectSink the app
// hands the World. Effects are queued as they are emitted (during
// World::step) and stamped with the animation clock of the next frame; the
// painters then ask how far a platform is shaken, how red an edge glows, and
// the player draws sparkles, exit flashes, "+1"s and the message log.
// Owned by WorldScreen.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "world/model/effect_sink.hpp"

namespace meshlings::render {

class EffectsPlayer final : public world::EffectSink {
public:
    static constexpr std::uint64_t kShakeMs = 450;
    static constexpr std::uint64_t kEdgeFlashMs = 600;
    static constexpr std::uint64_t kSparkleMs = 700;
    static constexpr std::uint64_t kExitMs = 900;
    static constexpr std::uint64_t kMessageMs = 6000;
    static constexpr std::size_t kMaxMessages = 4;
    static constexpr std::size_t kMaxBursts = 256;
    static constexpr std::uint64_t kCalloutMs = 3000;  // a level event's banner

    struct LoggedMessage {
        world::Message message;
        std::uint64_t startMs = 0;
    };

    void emit(const world::Effect& effect) override;

    // Stamps the effects emitted since the last frame and drops finished ones.
    void advance(std::uint64_t nowMs);

    // Horizontal shake in logical pixels for a pod (or its whole platform).
    float shakeOf(const std::string& pod, world::MapNode node) const;
    // 0..1: how red the walkway `edge` glows now.
    float edgeGlow(std::size_t edge) const;

    // Sparkles, exit flashes and "+1"s, over the map.
    void draw(Canvas& canvas) const;
    const std::deque<LoggedMessage>& messages() const { return m_messages; }
    std::uint64_t now() const { return m_nowMs; }
    // The level's latest event (an Event message) while its banner shows, else nullptr.
    const LoggedMessage* callout() const { return m_callout ? &*m_callout : nullptr; }

private:
    struct Shake {
        std::string pod;
        world::MapNode node = world::MapNode::Ingress;
        std::uint64_t startMs = 0;
    };
    struct Burst {
        enum class Kind : std::uint8_t { Sparkle, Exit, ExitDegraded, Death };
        Kind kind = Kind::Sparkle;
        world::Vec2 at;
        std::uint64_t startMs = 0;
    };
    struct EdgeFlash {
        std::size_t edge = 0;
        std::uint64_t startMs = 0;
    };

    std::vector<world::Effect> m_incoming;
    std::vector<Shake> m_shakes;
    std::vector<Burst> m_bursts;
    std::vector<EdgeFlash> m_edges;
    std::deque<LoggedMessage> m_messages;
    std::optional<LoggedMessage> m_callout;
    std::uint64_t m_nowMs = 0;
};

}  // namespace meshlings::render
