#include "render/arming_dialog_painter.hpp"

namespace meshlings::render {

void ArmingDialogPainter::draw(const FrameContext& frame) {
    if (!frame.ui.armingDialogOpen) return;
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 150);
    m_canvas.fill(kPanel, PaletteColor::DarkBlue, 240);
    m_canvas.panel(kPanel, PaletteColor::Orange);
    const auto cx = static_cast<float>(kPanel.x + kPanel.w / 2);
    m_canvas.text("ARM THIS SESSION?", cx, static_cast<float>(kPanel.y + 8),
                  TextStyle::of(12, PaletteColor::Orange, FontFace::Bold, TextAlign::Center));
    m_canvas.text("Until now every change was a server-side dry run. Armed, they are real, on:", cx,
                  static_cast<float>(kPanel.y + 30),
                  TextStyle::of(6.5F, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center));
    float y = static_cast<float>(kPanel.y + 48);
    for (const auto& line : frame.ui.armingContext) {
        m_canvas.text(line, static_cast<float>(kPanel.x + 24), y,
                      TextStyle::of(8, PaletteColor::White, FontFace::Bold));
        y += 14;
    }
    const auto bottom = static_cast<float>(kPanel.y + kPanel.h - 36);
    m_canvas.fill({kPanel.x + 12, kPanel.y + kPanel.h - 44, kPanel.w - 24, 1}, PaletteColor::DarkGrey);
    m_canvas.text("Y / Enter: ARM", static_cast<float>(kPanel.x + kPanel.w / 4), bottom,
                  TextStyle::of(9, PaletteColor::Red, FontFace::Bold, TextAlign::Center));
    m_canvas.text("Escape: stay in dry run", static_cast<float>(kPanel.x + 3 * kPanel.w / 4), bottom,
                  TextStyle::of(9, PaletteColor::Green, FontFace::Bold, TextAlign::Center));
    m_canvas.text("Backspace halts everything at any time", cx, bottom + 16,
                  TextStyle::of(6, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center));
}

}  // namespace meshlings::render
