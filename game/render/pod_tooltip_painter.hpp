#pragma once
// The tooltip over the hovered pod (else the selected one): its name, state,
// READY x/y, age (from its creationTimestamp against the system clock) and
// restarts, whether its answers fail (sick), and what arrives at its service
// (requests per second, failing share: World::healthOf), in a panel sized
// from its measured text and kept inside the playfield. Stateless; owned by
// WorldScreen.
#include <cstdint>
#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class PodTooltipPainter {
public:
    explicit PodTooltipPainter(Canvas& canvas);

    // `avoid`: the HUD's panels, which the tooltip keeps clear of when it can.
    void draw(const FrameContext& frame, const std::vector<SDL_Rect>& avoid = {});
    // "5.0 req/s, 80.0 % failing" (with "(probe)" when from the probe alone), or "no traffic".
    static std::string healthText(const world::EdgeHealth& health);

    // "45s", "3m", "2h", "5d"; "?" for an unknown creation time.
    static std::string age(std::int64_t createdAtSeconds, std::int64_t nowSeconds);

private:
    Canvas& m_canvas;
};

}  // namespace meshlings::render
