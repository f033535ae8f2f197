#include "render/pod_tooltip_painter.hpp"

#include <algorithm>
#include <chrono>

namespace meshlings::render {

namespace {

constexpr float kTextSize = 6.0F;
constexpr int kPad = 4;

PaletteColor stateColor(const world::Pod& pod) {
    if (pod.gone) return PaletteColor::DarkGrey;
    switch (pod.observed.state) {
        case world::PodState::Ready:
            return PaletteColor::Green;
        case world::PodState::Terminating:
        case world::PodState::CrashLoopBackOff:
            return PaletteColor::Red;
        case world::PodState::RunningNotReady:
            return PaletteColor::LightGrey;
        default:
            return PaletteColor::Orange;
    }
}

}  // namespace

PodTooltipPainter::PodTooltipPainter(Canvas& canvas) : m_canvas(canvas) {}

std::string PodTooltipPainter::age(std::int64_t createdAtSeconds, std::int64_t nowSeconds) {
    if (createdAtSeconds <= 0) return "?";
    const std::int64_t s = std::max<std::int64_t>(0, nowSeconds - createdAtSeconds);
    if (s < 120) return std::to_string(s) + "s";
    if (s < 2 * 3600) return std::to_string(s / 60) + "m";
    if (s < 2 * 86400) return std::to_string(s / 3600) + "h";
    return std::to_string(s / 86400) + "d";
}

void PodTooltipPainter::draw(const FrameContext& frame) {
    const std::string& name = frame.ui.hoveredPod.empty() ? frame.world.selectedPod() : frame.ui.hoveredPod;
    if (name.empty()) return;
    const world::Pod* pod = frame.world.pods().find(name);
    if (pod == nullptr || !pod->node) return;

    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const world::PodObservation& o = pod->observed;
    const std::string state = pod->gone ? std::string("gone") : std::string(world::podStateName(o.state));
    const std::string line2 = "READY " + std::to_string(o.readyContainers) + "/" + std::to_string(o.totalContainers) +
                              "  age " + age(o.createdAtSeconds, now) + "  restarts " + std::to_string(o.restarts);
    std::string line3 = state;
    if (pod->requestInFlight) line3 += "  (delete in flight)";
    if (frame.world.now() < pod->ghostUntil) line3 += "  (dry run: not deleted)";

    TextStyle bold;
    bold.size = kTextSize;
    bold.face = FontFace::Bold;
    bold.color = PaletteColor::White;
    TextStyle plain = bold;
    plain.face = FontFace::Regular;
    plain.color = PaletteColor::LightGrey;
    TextStyle stateStyle = bold;
    stateStyle.color = stateColor(*pod);

    const float lineH = kTextSize + 2.0F;
    const float w = std::max({m_canvas.measureText(o.name, bold).x, m_canvas.measureText(line2, plain).x,
                              m_canvas.measureText(line3, stateStyle).x}) +
                    2 * kPad;
    const float h = 3 * lineH + 2 * kPad;
    const world::Vec2 feet = FrameContext::toPixels(pod->at);
    const auto fieldW = static_cast<float>(m_canvas.viewport().logicalWidth());
    float x = std::clamp(feet.x - w / 2.0F, 2.0F, fieldW - w - 2.0F);
    float y = feet.y - 26.0F - h;  // above the pod and its spinner
    if (y < 20.0F) y = feet.y + 8.0F;
    const SDL_Rect box{static_cast<int>(x), static_cast<int>(y), static_cast<int>(w), static_cast<int>(h)};
    m_canvas.panel(box, frame.world.selectedPod() == name ? PaletteColor::Yellow : PaletteColor::LightGrey);
    x += kPad;
    y += kPad;
    m_canvas.text(o.name, x, y, bold);
    m_canvas.text(line2, x, y + lineH, plain);
    m_canvas.text(line3, x, y + 2 * lineH, stateStyle);
}

}  // namespace meshlings::render
