#pragma once
// Draws the meshlings at their interpolated positions (positionAt(alpha)):
// the walk cycle with the badge of the reviews version that answered them
// (none for v1, black star v2, red star v3), grey and limping past the part
// that failed on a degraded page, the pop where a failed request died, and
// flipped when walking left. On a busy map only the meshlings the world
// draws (Meshling::drawn: one stands for N requests) are drawn. Where a crowd stands on top of itself, a
// meshling whose every opaque pixel the ones drawn after it cover is not
// drawn (CoverageMask): the frame is the same as drawing them all, and
// drawing the hidden ones cost most of a 10,000-meshling frame. Keeps only
// scratch buffers between frames; owned by WorldScreen.
#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "render/canvas.hpp"
#include "render/coverage_mask.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class MeshlingPainter {
public:
    static constexpr int kWidth = 8;
    static constexpr int kHeight = 10;

    explicit MeshlingPainter(Canvas& canvas);

    void draw(const FrameContext& frame);
    static std::string_view spriteFor(const world::Meshling& meshling);

    // Off: every meshling is drawn (the tests compare both ways).
    void setCulling(bool on) { m_culling = on; }
    // Off: the meshlings that others stand for are drawn too (the bench draws every one of its crowd).
    void setThinning(bool on) { m_thinning = on; }
    // How many meshlings the last frame drew and how many it left out, hidden.
    std::pair<int, int> lastCounts() const { return m_lastCounts; }

private:
    struct Placed {
        const world::Meshling* meshling;
        const SpriteAtlas::Entry* sprite;
        int frame;
        int look;  // the sprite's index in this frame's looks, for the masks
        float x;   // top-left, logical pixels
        float y;
        bool flipped;
        bool draw;
    };
    // Marks the meshlings that are hidden under the ones drawn after them.
    void cull();
    // The output-pixel masks of a frame's rows at the viewport's scale (one per sprite row).
    const std::vector<std::uint64_t>& masksOf(const SDL_Rect* source, bool flipped);

    // The sprites a meshling wears (lookOf() says which), in kLookNames' order.
    enum Look : int { kPop, kLimp, kWalkV2, kWalkV3, kWalk, kLooks };
    static constexpr std::array<std::string_view, kLooks> kLookNames{
        "meshling_pop", "meshling_limp", "meshling_walk_v2", "meshling_walk_v3", "meshling_walk"};
    static constexpr int kMaxFrames = 8;  // frames of each, at most
    static int lookOf(const world::Meshling& meshling);

    Canvas& m_canvas;
    bool m_culling = true;
    bool m_thinning = true;
    std::vector<Placed> m_placed;
    CoverageMask m_coverage;
    int m_maskScale = 0;
    std::map<std::pair<const SDL_Rect*, bool>, std::vector<std::uint64_t>> m_masks;
    // This frame's masks by (look, frame, flipped), looked up in m_masks once per frame.
    std::array<const std::vector<std::uint64_t>*, kLooks * kMaxFrames * 2> m_frameMasks{};
    std::pair<int, int> m_lastCounts{0, 0};
};

}  // namespace meshlings::render
