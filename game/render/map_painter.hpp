#pragma once
// Draws the Bookinfo map under everything else: walkways and bridges along
// the map's edges (ladders on the vertical stretches, glowing red after
// deaths; their railings coloured by health as Kiali colours edges: green,
// orange dashes with some failures, red short dashes from 10 %), the services' platforms with their name boards
// (reviews v1/v2/v3 told apart by hollow, black and red stars), the reviews junction, the ingress hatch (open while
// meshlings drop) and the exit door. Owned by WorldScreen; keeps only the hatch's opening time between frames.
#include <cstdint>
#include <optional>

#include "render/canvas.hpp"
#include "render/effects_player.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class MapPainter {
public:
    static constexpr int kLongEdgeTiles = 8;  // a straight stretch this long is a bridge

    static PaletteColor healthColor(world::HealthLevel health);
    // The dash of a railing: solid when healthy, long dashes when degraded, short ones when failing.
    static int dashLength(world::HealthLevel health, int solid);

    MapPainter(Canvas& canvas, const EffectsPlayer& effects);

    void draw(const FrameContext& frame);

private:
    void drawEdge(const world::MapEdge& edge, const world::BookinfoMap& map, float glow, world::HealthLevel health);
    // A railing of `health` from x0 to x1 at row y (dashed when not healthy).
    void drawRailing(int x0, int x1, int y, world::HealthLevel health);
    void drawPlatform(const world::Platform& platform, const FrameContext& frame);
    void drawSign(const world::Platform& platform, float centreX, float bottomY, int postHeight);
    void drawJunction(const world::Platform& platform, const FrameContext& frame);
    void drawHatch(const world::Platform& platform, const FrameContext& frame);
    void drawExit(const world::Platform& platform, const FrameContext& frame);

    Canvas& m_canvas;
    const EffectsPlayer& m_effects;
    std::optional<std::uint64_t> m_hatchOpenedMs;
    std::uint64_t m_hatchLastBusyMs = 0;
};

}  // namespace meshlings::render
