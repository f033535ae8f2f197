#include "meshling_painter.hpp"

#include <algorithm>

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
    SpriteAtlas& atlas = m_canvas.atlas();
    const int popFrames = atlas.frameCount("meshling_pop");
    for (const world::Meshling& m : frame.world.meshlings().all()) {
        if (m.state() == world::MeshlingState::Waiting || m.state() == world::MeshlingState::Gone) continue;
        const world::Vec2 feet = FrameContext::toPixels(m.positionAt(frame.alpha));
        const std::string_view sprite = spriteFor(m);
        int frameIndex = 0;
        if (m.state() == world::MeshlingState::Dying) {
            frameIndex = std::min(popFrames - 1, m.dyingTicks() * popFrames / world::Meshling::kDeathTicks);
        } else {
            frameIndex = m.walkFrame(atlas.frameCount(sprite));
        }
        SpriteStyle style;
        style.flipped(m.facingLeft());
        m_canvas.sprite(sprite, frameIndex, feet.x - kWidth / 2.0F, feet.y - kHeight, style);
    }
}

}  // namespace meshlings::render
