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
    m_placed.clear();
    for (const world::Meshling& m : frame.world.meshlings().all()) {
        if (m.state() == world::MeshlingState::Waiting || m.state() == world::MeshlingState::Gone) continue;
        m_placed.push_back({&m, FrameContext::toPixels(m.positionAt(frame.alpha)), true});
    }
    cull();
    for (const Placed& p : m_placed) {
        if (!p.draw) continue;
        const world::Meshling& m = *p.meshling;
        const SpriteAtlas::Entry& sprite = entryFor(spriteFor(m));
        int frameIndex = 0;
        if (m.state() == world::MeshlingState::Dying) {
            frameIndex = std::min(popFrames - 1, m.dyingTicks() * popFrames / world::Meshling::kDeathTicks);
        } else {
            frameIndex = m.walkFrame(static_cast<int>(sprite.frames.size()));
        }
        SpriteStyle style;
        style.flipped(m.facingLeft());
        m_canvas.sprite(sprite, frameIndex, p.feet.x - kWidth / 2.0F, p.feet.y - kHeight, style);
    }
}

void MeshlingPainter::cull() {
    const int columns = m_canvas.viewport().logicalWidth() / kCell + 1;
    const int rows = m_canvas.viewport().logicalHeight() / kCell + 1;
    m_perCell.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0);
    // From the top of the pile (drawn last) down.
    for (auto it = m_placed.rbegin(); it != m_placed.rend(); ++it) {
        if (it->meshling->state() == world::MeshlingState::Dying) continue;
        const int column = static_cast<int>(it->feet.x) / kCell;
        const int row = static_cast<int>(it->feet.y) / kCell;
        if (it->feet.x < 0 || it->feet.y < 0 || column >= columns || row >= rows) continue;
        std::uint8_t& count = m_perCell[static_cast<std::size_t>(row) * static_cast<std::size_t>(columns) +
                                        static_cast<std::size_t>(column)];
        if (count < kMaxPerCell) {
            ++count;
        } else {
            it->draw = false;
        }
    }
}

}  // namespace meshlings::render
