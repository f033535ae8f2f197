#include "render/effects_player.hpp"

#include <algorithm>
#include <cmath>

#include "render/frame_context.hpp"

namespace meshlings::render {

namespace {

template <typename T>
void dropOlderThan(std::vector<T>& items, std::uint64_t now, std::uint64_t lifeMs) {
    std::erase_if(items, [&](const T& item) { return now - item.startMs > lifeMs; });
}

}  // namespace

void EffectsPlayer::emit(const world::Effect& effect) {
    // Bounded: a storm of effects between two frames keeps only the latest.
    if (m_incoming.size() >= 4 * kMaxBursts) m_incoming.erase(m_incoming.begin());
    m_incoming.push_back(effect);
}

void EffectsPlayer::advance(std::uint64_t nowMs) {
    m_nowMs = std::max(m_nowMs, nowMs);
    for (const world::Effect& effect : m_incoming) {
        if (const auto* shake = std::get_if<world::PodShake>(&effect)) {
            m_shakes.push_back({shake->pod, shake->node, m_nowMs});
        } else if (const auto* sparkle = std::get_if<world::RecoverySparkle>(&effect)) {
            m_bursts.push_back({Burst::Kind::Sparkle, sparkle->at, m_nowMs});
        } else if (const auto* died = std::get_if<world::MeshlingDied>(&effect)) {
            if (died->edge) m_edges.push_back({*died->edge, m_nowMs});
            m_bursts.push_back({Burst::Kind::Death, died->at, m_nowMs});
        } else if (const auto* exit = std::get_if<world::ExitReached>(&effect)) {
            m_bursts.push_back({exit->degraded ? Burst::Kind::ExitDegraded : Burst::Kind::Exit, exit->at, m_nowMs});
        } else if (const auto* message = std::get_if<world::Message>(&effect)) {
            m_messages.push_back({*message, m_nowMs});
            if (message->kind == world::MessageKind::Event) m_callout = LoggedMessage{*message, m_nowMs};
            while (m_messages.size() > kMaxMessages) m_messages.pop_front();
        }
    }
    m_incoming.clear();
    dropOlderThan(m_shakes, m_nowMs, kShakeMs);
    dropOlderThan(m_edges, m_nowMs, kEdgeFlashMs);
    std::erase_if(m_bursts, [&](const Burst& b) { return m_nowMs - b.startMs > kExitMs; });
    if (m_bursts.size() > kMaxBursts) m_bursts.erase(m_bursts.begin(), m_bursts.end() - kMaxBursts);
    while (!m_messages.empty() && m_nowMs - m_messages.front().startMs > kMessageMs) m_messages.pop_front();
    if (m_callout && m_nowMs - m_callout->startMs > kCalloutMs) m_callout.reset();
}

float EffectsPlayer::shakeOf(const std::string& pod, world::MapNode node) const {
    float offset = 0;
    for (const Shake& s : m_shakes) {
        const auto age = static_cast<float>(m_nowMs - s.startMs);
        const float fade = 1.0F - age / static_cast<float>(kShakeMs);
        const float amplitude = s.pod == pod ? 2.0F : (s.node == node ? 1.0F : 0.0F);
        offset += amplitude * fade * std::sin(age * 0.06F);
    }
    return std::clamp(offset, -3.0F, 3.0F);
}

float EffectsPlayer::edgeGlow(std::size_t edge) const {
    float glow = 0;
    for (const EdgeFlash& f : m_edges) {
        if (f.edge != edge) continue;
        glow = std::max(glow, 1.0F - static_cast<float>(m_nowMs - f.startMs) / static_cast<float>(kEdgeFlashMs));
    }
    return glow;
}

void EffectsPlayer::draw(Canvas& canvas) const {
    for (const Burst& b : m_bursts) {
        const world::Vec2 p = FrameContext::toPixels(b.at);
        const std::uint64_t age = m_nowMs - b.startMs;
        switch (b.kind) {
            case Burst::Kind::Sparkle:
                if (age < kSparkleMs)
                    canvas.sprite("sparkle", canvas.atlas().frameOnce("sparkle", age), p.x - 4, p.y - 16);
                break;
            case Burst::Kind::Death: {
                // A few red sparks flying out from where it failed.
                if (age > 500) break;
                const float t = static_cast<float>(age) / 500.0F;
                for (int i = 0; i < 6; ++i) {
                    const float angle = static_cast<float>(i) * 1.047F + 0.4F;
                    const float r = 3.0F + 10.0F * t;
                    const int x = static_cast<int>(p.x + std::cos(angle) * r);
                    const int y = static_cast<int>(p.y - 5.0F + std::sin(angle) * r + 8.0F * t * t);
                    canvas.fill({x, y, 2, 2}, i % 2 == 0 ? PaletteColor::Red : PaletteColor::Orange,
                                static_cast<std::uint8_t>(255.0F * (1.0F - t)));
                }
                break;
            }
            case Burst::Kind::Exit:
            case Burst::Kind::ExitDegraded: {
                const bool grey = b.kind == Burst::Kind::ExitDegraded;
                if (age < 400) {
                    SpriteStyle flash;
                    if (grey) flash.withTint(PaletteColor::LightGrey);
                    canvas.sprite("exit_flash", canvas.atlas().frameOnce("exit_flash", age), p.x - 8, p.y - 20, flash);
                }
                const float rise = static_cast<float>(age) / static_cast<float>(kExitMs);
                SpriteStyle plus;
                plus.withAlpha(static_cast<std::uint8_t>(255.0F * (1.0F - rise * rise)));
                if (grey) plus.withTint(PaletteColor::DarkGrey);
                canvas.sprite("plus_one", 0, p.x - 4, p.y - 26 - 14 * rise, plus);
                break;
            }
        }
    }
}

}  // namespace meshlings::render
