#include "render/help_overlay_painter.hpp"

#include <algorithm>

namespace meshlings::render {

namespace {

struct LegendEntry {
    const char* sprite;
    const char* label;
};

constexpr LegendEntry kPods[] = {
    {"pod_ready", "Ready"},       {"pod_notready", "not ready"},      {"pod_pending", "Pending"},
    {"pod_creating", "creating"}, {"pod_terminating", "Terminating"}, {"pod_crashloop", "CrashLoop"},
    {"pod_gone", "gone"},
};

constexpr LegendEntry kWalkers[] = {
    {"meshling_walk", "served (v1)"},   {"meshling_walk_v2", "served by v2"}, {"meshling_walk_v3", "served by v3"},
    {"meshling_limp", "degraded page"}, {"meshling_pop", "failed"},
};

}  // namespace

HelpOverlayPainter::HelpOverlayPainter(Canvas& canvas) : m_canvas(canvas) {}

void HelpOverlayPainter::draw(const FrameContext& frame) {
    if (!frame.ui.helpVisible) return;
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 120);
    m_canvas.fill(kPanel, PaletteColor::DarkBlue, 235);
    m_canvas.panel(kPanel, PaletteColor::Blue);
    m_canvas.text("CONTROLS", static_cast<float>(kPanel.x + kPanel.w / 2), static_cast<float>(kPanel.y + 5),
                  TextStyle::of(10, PaletteColor::Blue, FontFace::Bold, TextAlign::Center));

    const auto& lines = frame.ui.helpLines;
    const std::size_t perColumn = std::max<std::size_t>(1, (lines.size() + 1) / 2);
    const int columnW = (kPanel.w - 20) / 2;
    const int top = kPanel.y + 24;
    const float lineH = 11.0F;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto column = static_cast<int>(i / perColumn);
        const float x = static_cast<float>(kPanel.x + 10 + column * columnW);
        const float y = static_cast<float>(top) + static_cast<float>(i % perColumn) * lineH;
        if (y > static_cast<float>(kPanel.y + kPanel.h - 70)) continue;
        m_canvas.text(lines[i].first, x, y, TextStyle::of(6.5F, PaletteColor::Yellow, FontFace::Bold));
        m_canvas.text(lines[i].second, x + 78, y, TextStyle::of(6.5F, PaletteColor::White));
    }
    drawLegend(frame, kPanel.x + 10, kPanel.y + kPanel.h - 58);
}

void HelpOverlayPainter::drawLegend(const FrameContext& frame, int x, int y) {
    m_canvas.fill({x, y - 4, kPanel.w - 20, 1}, PaletteColor::DarkGrey);
    const TextStyle label = TextStyle::of(5, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center);
    int at = x;
    for (const LegendEntry& e : kPods) {
        m_canvas.animation(e.sprite, frame.ms, static_cast<float>(at + 8), static_cast<float>(y));
        m_canvas.text(e.label, static_cast<float>(at + 16), static_cast<float>(y + 22), label);
        at += 38;
    }
    at += 8;
    for (const LegendEntry& e : kWalkers) {
        m_canvas.animation(e.sprite, frame.ms, static_cast<float>(at + 4), static_cast<float>(y + 10));
        at += 16;
    }
    m_canvas.text("served / v2 / v3 / degraded / failed", static_cast<float>(at - 40), static_cast<float>(y + 22),
                  label);
}

}  // namespace meshlings::render
