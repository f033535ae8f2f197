#pragma once
// What every painter of the WorldScreen reads for one frame: the world, the
// interpolation alpha, the animation clock and the conversion from map tiles
// to logical playfield pixels. Plain data made by WorldScreen::draw; holds
// references only, valid during that call.
#include <cstdint>

#include "render/player_ui.hpp"
#include "world/model/vec2.hpp"
#include "world/model/world.hpp"

namespace meshlings::render {

struct FrameContext {
    static constexpr float kTile = 16.0F;  // logical pixels per map tile

    const world::World& world;
    const PlayerUi& ui;
    float alpha = 0;
    std::uint64_t ms = 0;  // animation clock: world ticks (plus alpha) in milliseconds

    static float px(float tiles) { return tiles * kTile; }
    static world::Vec2 toPixels(world::Vec2 tiles) { return {tiles.x * kTile, tiles.y * kTile}; }
    // Milliseconds since a world tick, at this frame.
    std::uint64_t msSince(world::Tick since) const {
        const std::int64_t ticks = world.now() - since;
        return ticks <= 0 ? 0 : static_cast<std::uint64_t>(ticks) * 1000U / world::kTicksPerSecond;
    }
};

}  // namespace meshlings::render
