#include "render/meshling_painter.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace meshlings::render {

namespace {

// Masks wider than this do not fit a CoverageMask row: draw everything.
constexpr int kMaxMaskBits = 64;

}  // namespace

MeshlingPainter::MeshlingPainter(Canvas& canvas) : m_canvas(canvas) {}

int MeshlingPainter::lookOf(const world::Meshling& m) {
    if (m.state() == world::MeshlingState::Dying) return kPop;
    if (m.limping()) return kLimp;
    switch (m.reviewsVersion()) {
        case common::ReviewsVersion::V2:
            return kWalkV2;
        case common::ReviewsVersion::V3:
            return kWalkV3;
        default:
            return kWalk;
    }
}

std::string_view MeshlingPainter::spriteFor(const world::Meshling& m) {
    return kLookNames[static_cast<std::size_t>(lookOf(m))];
}

void MeshlingPainter::draw(const FrameContext& frame) {
    // The few sprites meshlings wear, looked up in the atlas once per frame.
    SpriteAtlas& atlas = m_canvas.atlas();
    std::array<const SpriteAtlas::Entry*, kLooks> looks{};
    for (std::size_t i = 0; i < looks.size(); ++i) {
        looks[i] = &atlas.entry(kLookNames[i]);
        if (static_cast<int>(looks[i]->frames.size()) > kMaxFrames) {
            throw std::logic_error("MeshlingPainter: a meshling sprite has more frames than kMaxFrames");
        }
    }
    const int popFrames = static_cast<int>(looks[kPop]->frames.size());
    m_placed.clear();
    for (const world::Meshling& m : frame.world.meshlings().all()) {
        if (m.state() == world::MeshlingState::Waiting || m.state() == world::MeshlingState::Gone) continue;
        if (m_thinning && !m.drawn()) continue;  // a drawn one stands for it (world::CrowdDensity)
        const int look = lookOf(m);
        const SpriteAtlas::Entry& sprite = *looks[static_cast<std::size_t>(look)];
        int frameIndex = 0;
        if (m.state() == world::MeshlingState::Dying) {
            frameIndex = std::min(popFrames - 1, m.dyingTicks() * popFrames / world::Meshling::kDeathTicks);
        } else {
            frameIndex = m.walkFrame(static_cast<int>(sprite.frames.size()));
        }
        const world::Vec2 feet = FrameContext::toPixels(m.positionAt(frame.alpha));
        m_placed.push_back(
            {&m, &sprite, frameIndex, look, feet.x - kWidth / 2.0F, feet.y - kHeight, m.facingLeft(), true});
    }
    cull();
    int drawn = 0;
    for (const Placed& p : m_placed) {
        if (!p.draw) continue;
        ++drawn;
        m_canvas.sprite(*p.sprite, p.frame, p.x, p.y, SpriteStyle{}.flipped(p.flipped));
    }
    m_lastCounts = {drawn, static_cast<int>(m_placed.size()) - drawn};
}

void MeshlingPainter::cull() {
    const Viewport& viewport = m_canvas.viewport();
    // The masks are whole output pixels per sprite pixel: no culling at a fractional scale.
    if (!m_culling || !viewport.integral() || kWidth * viewport.wholeScale() > kMaxMaskBits) return;
    if (viewport.wholeScale() != m_maskScale) {
        m_masks.clear();
        m_maskScale = viewport.wholeScale();
    }
    const SDL_Point output = viewport.outputSize();
    m_coverage.reset(output.x, output.y);
    m_frameMasks.fill(nullptr);
    // From the top of the pile (drawn last) down.
    for (auto it = m_placed.rbegin(); it != m_placed.rend(); ++it) {
        const auto slot = static_cast<std::size_t>((it->look * kMaxFrames + it->frame) * 2 + (it->flipped ? 1 : 0));
        const std::vector<std::uint64_t>*& cached = m_frameMasks[slot];
        if (cached == nullptr) cached = &masksOf(&it->sprite->frames[static_cast<std::size_t>(it->frame)], it->flipped);
        const std::vector<std::uint64_t>& masks = *cached;
        const SDL_Point at = viewport.toOutput(it->x, it->y);
        it->draw = m_coverage.cover(at.x, at.y, masks.data(), static_cast<int>(masks.size()), m_maskScale);
    }
}

const std::vector<std::uint64_t>& MeshlingPainter::masksOf(const SDL_Rect* source, bool flipped) {
    auto it = m_masks.find({source, flipped});
    if (it != m_masks.end()) return it->second;
    const int scale = m_maskScale;
    std::vector<std::uint64_t> masks;
    for (int row = 0; row < source->h; ++row) {
        const std::uint32_t opaque = m_canvas.atlas().opaqueRow(*source, row);
        std::uint64_t mask = 0;
        for (int i = 0; i < source->w; ++i) {
            if ((opaque >> i & 1U) == 0) continue;
            const int column = flipped ? source->w - 1 - i : i;
            mask |= ((std::uint64_t{1} << scale) - 1) << (column * scale);
        }
        masks.push_back(mask);
    }
    return m_masks.emplace(std::make_pair(source, flipped), std::move(masks)).first->second;
}

}  // namespace meshlings::render
