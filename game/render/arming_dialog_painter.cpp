#include "render/arming_dialog_painter.hpp"

#include <cmath>

#include "render/text_column.hpp"

namespace meshlings::render {

void ArmingDialogPainter::draw(const FrameContext& frame) {
    if (!frame.ui.armingDialogOpen) return;
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 150);
    // Laid out from the measured text, then centred on the screen.
    const auto lay = [&](bool dry, float top) {
        TextColumn column(m_canvas, static_cast<float>(kPanel.x + 12), top + 6, static_cast<float>(kPanel.w - 24), dry);
        column.line("ARM THIS SESSION?", TextStyle::of(12, PaletteColor::Orange, FontFace::Bold, TextAlign::Center));
        column.space(4);
        column.paragraph("Until now every change was a server-side dry run. Armed, they are real, on:",
                         TextStyle::of(6.5F, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center), 3);
        column.space(4);
        for (const auto& line : frame.ui.armingContext) {
            column.line(line, TextStyle::of(8, PaletteColor::White, FontFace::Bold));
        }
        column.rule(PaletteColor::DarkGrey);
        column.pair("Y / Enter: ARM", TextStyle::of(9, PaletteColor::Red, FontFace::Bold), "Escape: stay in dry run",
                    TextStyle::of(9, PaletteColor::Green, FontFace::Bold));
        column.space(3);
        column.paragraph("Backspace halts everything at any time",
                         TextStyle::of(6, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center), 2);
        return column.y() + 6 - top;
    };
    const int panelH = static_cast<int>(std::ceil(lay(true, 0)));
    const SDL_Rect box{kPanel.x, std::max(2, (h - panelH) / 2), kPanel.w, panelH};
    m_canvas.fill(box, PaletteColor::DarkBlue, 240);
    m_canvas.panel(box, PaletteColor::Orange);
    m_canvas.beginPanel("arming", box, true);
    lay(false, static_cast<float>(box.y));
    m_canvas.endPanel();
}

}  // namespace meshlings::render
