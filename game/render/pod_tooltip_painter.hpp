#pragma once
// The tooltip over the hovered pod (else the selected one): its name, state,
// READY x/y, age (from its creationTimestamp against the system clock) and
// restarts, in a panel kept inside the playfield. Stateless; owned by
// WorldScreen.
#include <cstdint>
#include <string>

#include "render/canvas.hpp"
#include "render/frame_context.hpp"

namespace meshlings::render {

class PodTooltipPainter {
public:
    explicit PodTooltipPainter(Canvas& canvas);

    void draw(const FrameContext& frame);

    // "45s", "3m", "2h", "5d"; "?" for an unknown creation time.
    static std::string age(std::int64_t createdAtSeconds, std::int64_t nowSeconds);

private:
    Canvas& m_canvas;
};

}  // namespace meshlings::render
