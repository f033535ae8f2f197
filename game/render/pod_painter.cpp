#include "render/pod_painter.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "render/pod_stack.hpp"

namespace meshlings::render {

namespace {

using world::PodState;

// Frame clocks offset per pod so a row of pods does not blink in lock-step.
std::uint64_t podPhase(const world::Pod& pod) {
    return static_cast<std::uint64_t>(pod.slot) * 173U + static_cast<std::uint64_t>(pod.observed.name.size()) * 37U;
}

}  // namespace

PodPainter::PodPainter(Canvas& canvas, const EffectsPlayer& effects) : m_canvas(canvas), m_effects(effects) {}

std::string_view PodPainter::spriteFor(const world::Pod& pod) {
    if (pod.gone) return "pod_gone";
    switch (pod.observed.state) {
        case PodState::Pending:
            return "pod_pending";
        case PodState::ContainerCreating:
            return "pod_creating";
        case PodState::RunningNotReady:
            return "pod_notready";
        case PodState::Ready:
            return "pod_ready";
        case PodState::Terminating:
            return "pod_terminating";
        case PodState::CrashLoopBackOff:
            return "pod_crashloop";
    }
    return "pod_ready";
}

void PodPainter::draw(const FrameContext& frame) {
    // A platform with more pods than its slots show one by one draws the rest as a stack (PodStack).
    std::array<int, world::kMapNodeCount> visible{};
    for (const auto& [name, pod] : frame.world.pods().all()) {
        if (pod.node && !pod.gone) ++visible[static_cast<std::size_t>(*pod.node)];
    }
    const auto stackedOn = [&visible](world::MapNode node) {
        return PodStack::stacked(visible[static_cast<std::size_t>(node)]);
    };
    // Gone pods first, so a replacement in a nearby slot is drawn over the heap.
    for (const bool gonePass : {true, false}) {
        for (const auto& [name, pod] : frame.world.pods().all()) {
            if (!pod.node || pod.gone != gonePass) continue;
            if (stackedOn(*pod.node) && pod.slot >= PodStack::kSingles) continue;
            drawPod(pod, frame);
        }
    }
    for (const world::Platform& platform : frame.world.map().platforms()) {
        if (platform.hostsPods && stackedOn(platform.node)) drawStack(platform, frame);
    }
}

void PodPainter::drawStack(const world::Platform& platform, const FrameContext& frame) {
    // The look of the state most of the stacked pods are in.
    std::map<std::string_view, int> looks;
    int count = 0;
    for (const auto& [name, pod] : frame.world.pods().all()) {
        if (pod.node != platform.node || pod.gone || pod.slot < PodStack::kSingles) continue;
        ++count;
        ++looks[frame.world.sick(pod) ? std::string_view("pod_sick") : spriteFor(pod)];
    }
    if (count == 0) return;
    const auto most =
        std::max_element(looks.begin(), looks.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    const float shake = m_effects.shakeOf("", platform.node);
    int layer = 0;
    for (const SDL_Point at : PodStack::layers(platform)) {
        SpriteStyle style;
        if (++layer < PodStack::kLayers) style.withTint(PaletteColor::LightGrey);  // the ones behind, in shade
        m_canvas.animation(most->first, frame.ms + static_cast<std::uint64_t>(layer) * 173U,
                           static_cast<float>(at.x) + shake, static_cast<float>(at.y), style);
    }
    TextStyle label = TextStyle::of(5.5F, PaletteColor::White, FontFace::Bold, TextAlign::Left);
    label.shadow = false;
    const std::string text = PodStack::badgeText(count);
    const SDL_FPoint size = m_canvas.measureText(text, label);
    const SDL_Rect plaque = PodStack::plaque(platform, size.x, size.y);
    m_canvas.fill(plaque, PaletteColor::Black, 225);
    m_canvas.outline(plaque, PaletteColor::Yellow);
    m_canvas.beginPanel("pod stack " + std::string(platform.name), plaque);
    m_canvas.text(text, static_cast<float>(plaque.x + plaque.w) - 2.0F - size.x,
                  static_cast<float>(plaque.y) + (static_cast<float>(plaque.h) - size.y) / 2.0F, label);
    m_canvas.endPanel();
}

void PodPainter::drawPod(const world::Pod& pod, const FrameContext& frame) {
    const world::Vec2 feet = FrameContext::toPixels(pod.at);
    const std::uint64_t since = frame.msSince(pod.stateSince);
    float x = feet.x - kWidth / 2.0F + m_effects.shakeOf(pod.observed.name, *pod.node);
    const float y = feet.y - kHeight;
    const std::string_view sprite = frame.world.sick(pod) ? std::string_view("pod_sick") : spriteFor(pod);
    SpriteStyle style;
    if (pod.gone) {
        const float life = static_cast<float>(world::PodBoard::kGoneTicks) * 1000.0F / world::kTicksPerSecond;
        const float left = std::clamp(1.0F - static_cast<float>(since) / life, 0.0F, 1.0F);
        style.withAlpha(static_cast<std::uint8_t>(40.0F + 215.0F * left));
    } else if (pod.observed.state == PodState::Terminating) {
        // Sinks into its platform over a few seconds, trembling.
        style.sunk(std::min(kMaxSink, static_cast<int>(since / 250U)));
        x += ((frame.ms / 60U) % 2U == 0U) ? 0.5F : -0.5F;
    }
    const std::uint64_t clock = frame.ms + podPhase(pod);
    m_canvas.animation(sprite, clock, x, y, style);

    const auto version = common::reviewsVersionFromName(pod.observed.version);
    const bool starred = pod.observed.app == "reviews" && version &&
                         (*version == common::ReviewsVersion::V2 || *version == common::ReviewsVersion::V3);
    const bool solid =
        !pod.gone && pod.observed.state != PodState::Pending && pod.observed.state != PodState::ContainerCreating;
    if (starred && solid) m_canvas.sprite("pod_stars", *version == common::ReviewsVersion::V2 ? 0 : 1, x, y, style);

    if (frame.world.now() < pod.ghostUntil) {
        // A dry-run delete: what would have gone, drawn as a rising ghost.
        const float t = static_cast<float>(frame.msSince(pod.ghostUntil - world::World::kGhostTicks)) / 2000.0F;
        SpriteStyle ghost = SpriteStyle::ghost();
        ghost.withAlpha(static_cast<std::uint8_t>(140.0F * (1.0F - std::clamp(t, 0.0F, 1.0F))));
        m_canvas.sprite("pod_terminating", 0, x, y - 3.0F - 10.0F * t, ghost);
        TextStyle label;
        label.size = 4.5F;
        label.color = PaletteColor::Lavender;
        label.align = TextAlign::Center;
        m_canvas.text("dry run", feet.x, y - 12.0F - 10.0F * t, label);
    }
    if (pod.requestInFlight) m_canvas.animation("spinner", frame.ms, feet.x - 4, y - 10);
    if (!pod.gone && frame.world.selectedPod() == pod.observed.name) {
        m_canvas.animation("selection", frame.ms, feet.x - kWidth / 2.0F - 2, y - 2);
    }
    if (frame.ui.hoveredPod == pod.observed.name && frame.world.selectedPod() != pod.observed.name) {
        m_canvas.outline({static_cast<int>(x) - 1, static_cast<int>(y) - 1, kWidth + 2, kHeight + 2},
                         PaletteColor::White, 0, 120);
    }
}

}  // namespace meshlings::render
