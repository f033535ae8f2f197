#include "meshling_painter.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace meshlings::render {

MeshlingPainter::MeshlingPainter(Canvas& canvas) : m_canvas(canvas) {}

std::string_view MeshlingPainter::spriteFor(const world::Meshling& m) {
    if (m.state() == world::MeshlingState::Dying) return "meshling_pop";
    if (m.limping()) return "meshling_limp";
    switch (m.reviewsVersion()) {
        case world::ReviewsVersion::V2: return "meshling_walk_v2";
        case world::ReviewsVersion::V3: return "meshling_walk_v3";
        default: return "meshling_walk";
    }
}

void MeshlingPainter::draw(const FrameContext& frame) {
    // The few sprites meshlings wear, looked up in the atlas once per frame.
    SpriteAtlas& atlas = m_canvas.atlas();
    std::array<std::pair<std::string_view, const SpriteAtlas::Entry*>, 5> looks{};
    std::size_t known = 0;
    const auto entryFor = [&](std::string_view name) -> const SpriteAtlas::Entry& {
        for (std::size_t i = 0; i < known; ++i) {
            if (looks[i].first == name) return *looks[i].second;
        }
        const SpriteAtlas::Entry& found = atlas.entry(name);
        if (known < looks.size()) looks[known++] = {name, &found};
        return found;
    };
    const int popFrames = static_cast<int>(entryFor("meshling_pop").frames.size());
    for (const world::Meshling& m : frame.world.meshlings().all()) {
        if (m.state() == world::MeshlingState::Waiting || m.state() == world::MeshlingState::Gone) continue;
        const world::Vec2 feet = FrameContext::toPixels(m.positionAt(frame.alpha));
        const SpriteAtlas::Entry& sprite = entryFor(spriteFor(m));
        int frameIndex = 0;
        if (m.state() == world::MeshlingState::Dying) {
            frameIndex = std::min(popFrames - 1, m.dyingTicks() * popFrames / world::Meshling::kDeathTicks);
        } else {
            frameIndex = m.walkFrame(static_cast<int>(sprite.frames.size()));
        }
        SpriteStyle style;
        style.flipped(m.facingLeft());
        m_canvas.sprite(sprite, frameIndex, feet.x - kWidth / 2.0F, feet.y - kHeight, style);
    }
}

}  // namespace meshlings::render
