#include "render/result_painter.hpp"

#include <algorithm>

#include "render/objectives_painter.hpp"
#include "world/model/decimal_text.hpp"

namespace meshlings::render {

namespace {

std::string oneDecimal(double v) {
    return world::decimalText(v) + " %";
}

}  // namespace

ResultPainter::ResultPainter(Canvas& canvas) : m_canvas(canvas) {}

void ResultPainter::draw(const FrameContext& frame, const world::HudFigures& hud) {
    if (!frame.ui.resultVisible) return;
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 140);

    const char* title = "LEVEL OVER";
    PaletteColor color = PaletteColor::White;
    switch (hud.result) {
        case world::LevelResult::Won:
            title = "LEVEL WON";
            color = PaletteColor::Green;
            break;
        case world::LevelResult::Lost:
            title = "LEVEL LOST";
            color = PaletteColor::Red;
            break;
        case world::LevelResult::Sandbox:
            title = "SESSION OVER";
            color = PaletteColor::Blue;
            break;
        case world::LevelResult::InProgress:
            break;
    }
    m_canvas.fill(kPanel, PaletteColor::DarkBlue, 235);
    m_canvas.panel(kPanel, color);
    const auto cx = static_cast<float>(kPanel.x + kPanel.w / 2);
    // A gentle bounce on the title.
    const float bounce = (frame.ms / 400U) % 2U == 0U ? 0.0F : 1.0F;
    m_canvas.text(title, cx, static_cast<float>(kPanel.y + 8) - bounce,
                  TextStyle::of(20, color, FontFace::Bold, TextAlign::Center));
    m_canvas.text(hud.levelTitle, cx, static_cast<float>(kPanel.y + 36),
                  TextStyle::of(8, PaletteColor::White, FontFace::Bold, TextAlign::Center));

    const auto x = static_cast<float>(kPanel.x + 14);
    auto y = static_cast<float>(kPanel.y + 56);
    for (const world::ObjectiveProgress& p : hud.objectives) {
        const PaletteColor c = ObjectivesPainter::color(p);
        m_canvas.text(ObjectivesPainter::mark(p), x, y, TextStyle::of(8, c, FontFace::Bold));
        m_canvas.text(p.text, x + 12, y, TextStyle::of(7.5F, c));
        m_canvas.text(p.progress, x + 12, y + 10, TextStyle::of(6, PaletteColor::LightGrey));
        y += 23;
    }
    y = std::max(y + 4, static_cast<float>(kPanel.y + kPanel.h - 60));
    m_canvas.fill({kPanel.x + 10, static_cast<int>(y) - 5, kPanel.w - 20, 1}, PaletteColor::DarkGrey);
    const float col = static_cast<float>(kPanel.w - 28) / 3.0F;
    auto figure = [&](int i, int row, const std::string& label, const std::string& value, PaletteColor c) {
        const float fx = x + col * static_cast<float>(i);
        const float fy = y + static_cast<float>(row) * 24;
        m_canvas.text(label, fx, fy, TextStyle::of(5.5F, PaletteColor::LightGrey));
        m_canvas.text(value, fx, fy + 7, TextStyle::of(10, c, FontFace::Bold));
    };
    figure(0, 0, "requests", std::to_string(hud.requests), PaletteColor::White);
    figure(1, 0, "served", std::to_string(hud.saved), PaletteColor::Green);
    figure(2, 0, "lost", std::to_string(hud.lost), PaletteColor::Red);
    figure(0, 1, "degraded", std::to_string(hud.degraded), PaletteColor::LightGrey);
    figure(1, 1, "success", hud.sessionSuccessPercent ? oneDecimal(*hud.sessionSuccessPercent) : std::string("--"),
           PaletteColor::Yellow);
    figure(2, 1, "p99", hud.p99Ms ? std::to_string(*hud.p99Ms) + " ms" : std::string("--"), PaletteColor::White);
}

}  // namespace meshlings::render
