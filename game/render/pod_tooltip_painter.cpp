#include "render/pod_tooltip_painter.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "render/text_column.hpp"
#include "world/model/decimal_text.hpp"

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

std::string PodTooltipPainter::healthText(const world::EdgeHealth& health) {
    const std::optional<double> share = health.failureShare();
    if (!share) return "no traffic";
    return world::decimalText(health.perSecond) + " req/s, " + world::decimalText(*share * 100.0) + " % failing" +
           (health.measured ? "" : " (probe)");
}

void PodTooltipPainter::draw(const FrameContext& frame, const std::vector<SDL_Rect>& avoid) {
    const std::string& name = frame.ui.hoveredPod.empty() ? frame.world.selectedPod() : frame.ui.hoveredPod;
    if (name.empty()) return;
    const world::Pod* pod = frame.world.pods().find(name);
    if (pod == nullptr || !pod->node) return;

    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const world::PodObservation& o = pod->observed;
    const bool sick = frame.world.sick(*pod);
    std::string state = pod->gone ? std::string("gone") : std::string(world::podStateName(o.state));
    if (sick) state += ", answers failing";
    const std::string line2 = "READY " + std::to_string(o.readyContainers) + "/" + std::to_string(o.totalContainers) +
                              "  age " + age(o.createdAtSeconds, now) + "  restarts " + std::to_string(o.restarts);
    std::string line3 = state;
    if (pod->requestInFlight) line3 += "  (delete in flight)";
    if (frame.world.now() < pod->ghostUntil) line3 += "  (dry run: not deleted)";
    const world::EdgeHealth health = frame.world.healthOf(*pod);
    const std::string line4 = "in: " + healthText(health);

    TextStyle bold = TextStyle::of(kTextSize, PaletteColor::White, FontFace::Bold);
    TextStyle plain = TextStyle::of(kTextSize, PaletteColor::LightGrey);
    TextStyle stateStyle = bold;
    stateStyle.color = sick ? PaletteColor::Red : stateColor(*pod);
    TextStyle healthStyle = plain;
    const world::HealthLevel level = world::healthLevel(health);
    if (level == world::HealthLevel::Degraded) healthStyle.color = PaletteColor::Orange;
    if (level == world::HealthLevel::Failure) healthStyle = TextStyle::of(kTextSize, PaletteColor::Red, FontFace::Bold);

    const auto fieldW = static_cast<float>(m_canvas.viewport().logicalWidth());
    const float maxW = std::min(fieldW - 4.0F, 300.0F);
    const float textW =
        std::min(maxW - 2 * kPad,
                 std::max({m_canvas.measureText(o.name, bold).x, m_canvas.measureText(line2, plain).x,
                           m_canvas.measureText(line3, stateStyle).x, m_canvas.measureText(line4, healthStyle).x}));
    const auto lay = [&](float x, float y, bool dry) {
        TextColumn column(m_canvas, x + kPad, y + kPad, textW + 1, dry);
        column.line(o.name, bold);
        column.line(line2, plain);
        column.line(line3, stateStyle);
        column.line(line4, healthStyle);
        return column.y() + kPad - y;
    };
    const float w = textW + 1 + 2 * kPad;
    const float h = lay(0, 0, true);
    const world::Vec2 feet = FrameContext::toPixels(pod->at);
    // Above the pod and its spinner, else below it; centred on it, else moved aside, clear of the HUD's panels.
    const float centred = std::clamp(feet.x - w / 2.0F, 2.0F, fieldW - w - 2.0F);
    const auto clearAt = [&](float left, float top) {
        if (top < 20.0F || left < 2.0F) return false;
        const SDL_Rect box{static_cast<int>(left), static_cast<int>(top), static_cast<int>(w) + 2,
                           static_cast<int>(h) + 2};
        for (const SDL_Rect& other : avoid) {
            if (SDL_HasIntersection(&box, &other) == SDL_TRUE) return false;
        }
        return true;
    };
    float x = centred;
    float y = feet.y - 26.0F - h;
    if (y < 20.0F) y = feet.y + 8.0F;
    bool placed = false;
    for (const float top : {feet.y - 26.0F - h, feet.y + 8.0F}) {
        std::vector<float> lefts{centred};
        for (const SDL_Rect& other : avoid) lefts.push_back(static_cast<float>(other.x) - w - 3.0F);
        for (const float left : lefts) {
            if (placed || !clearAt(left, top)) continue;
            x = left;
            y = top;
            placed = true;
        }
    }
    const SDL_Rect box{static_cast<int>(x), static_cast<int>(y), static_cast<int>(std::ceil(w)) + 1,
                       static_cast<int>(std::ceil(h)) + 1};
    m_canvas.panel(box, frame.world.selectedPod() == name ? PaletteColor::Yellow : PaletteColor::LightGrey);
    m_canvas.beginPanel("tooltip", box);
    lay(static_cast<float>(box.x), static_cast<float>(box.y), false);
    m_canvas.endPanel();
}

}  // namespace meshlings::render
