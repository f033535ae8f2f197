#include "render/weights_panel_painter.hpp"

#include <algorithm>
#include <cmath>

#include "render/text_column.hpp"

namespace meshlings::render {

namespace {

constexpr PaletteColor kFill[3] = {PaletteColor::White, PaletteColor::LightGrey, PaletteColor::Red};
constexpr int kStarIcon[3] = {3, 0, 1};  // hollow, black, red

}  // namespace

WeightsPanelPainter::WeightsPanelPainter(Canvas& canvas) : m_canvas(canvas) {}

void WeightsPanelPainter::draw(const FrameContext& frame) {
    m_open = frame.ui.weightsPanelOpen;
    if (!m_open) return;
    m_canvas.fill(kPanel, PaletteColor::Black, 215);
    m_canvas.panel(kPanel, PaletteColor::Yellow);
    m_canvas.beginPanel("weights", kPanel);
    const auto cx = static_cast<float>(kPanel.x + kPanel.w / 2);
    m_canvas.text("SHIFT REVIEWS TRAFFIC", cx, static_cast<float>(kPanel.y + 4),
                  TextStyle::of(8, PaletteColor::Yellow, FontFace::Bold, TextAlign::Center));
    // "set" over the figures the player sets, "cluster" over what the cluster has (short: at 800x600 the
    // longer "requested" ran into "cluster").
    m_canvas.text("set", static_cast<float>(kTrackX + kTrackWidth + 8), static_cast<float>(kPanel.y + 18),
                  TextStyle::of(5, PaletteColor::LightGrey));
    m_canvas.text("cluster", static_cast<float>(kPanel.x + kPanel.w - 6), static_cast<float>(kPanel.y + 18),
                  TextStyle::of(5, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Right));
    for (int slot = 0; slot < 3; ++slot) drawRow(slot, frame);

    const world::ReviewsWeights& w = frame.ui.panelWeights;
    const int total = w.percent[0] + w.percent[1] + w.percent[2];
    const bool ok = total == 100;
    const std::string totalText = "total " + std::to_string(total) + " %" + (ok ? "" : "  (must be 100)");
    const TextStyle totalStyle =
        TextStyle::of(6, ok ? PaletteColor::Green : PaletteColor::Red, FontFace::Bold, TextAlign::Center);
    const float totalH = m_canvas.measureText("Ag", totalStyle).y;
    TextColumn totalLine(m_canvas, static_cast<float>(kPanel.x + 6),
                         static_cast<float>(kPanel.y + kPanel.h - 2) - totalH, static_cast<float>(kPanel.w - 12),
                         false);
    totalLine.line(totalText, totalStyle);
    m_canvas.endPanel();
}

void WeightsPanelPainter::drawRow(int slot, const FrameContext& frame) {
    const auto i = static_cast<std::size_t>(slot);
    const int y = kFirstRowY + slot * kRowStep;
    const bool focused = frame.ui.panelFocus == slot;
    if (focused) {
        const bool pulse = (frame.ms / 350U) % 2U == 0U;
        m_canvas.fill({kPanel.x + 3, y - 6, kPanel.w - 6, 20}, PaletteColor::DarkBlue, 220);
        m_canvas.outline({kPanel.x + 3, y - 6, kPanel.w - 6, 20}, pulse ? PaletteColor::Yellow : PaletteColor::Orange);
    }
    const std::string label = "v" + std::to_string(slot + 1);
    m_canvas.text(label, static_cast<float>(kPanel.x + 8), static_cast<float>(y - 2),
                  TextStyle::of(8, focused ? PaletteColor::Yellow : PaletteColor::White, FontFace::Bold));
    for (int s = 0; s < 3; ++s) {
        m_canvas.sprite("icon_star", kStarIcon[slot], static_cast<float>(kPanel.x + 24 + 6 * s), static_cast<float>(y));
    }
    const int requested = std::clamp(frame.ui.panelWeights.percent[i], 0, 100);
    m_canvas.fill({kTrackX - 1, y, kTrackWidth + 2, 6}, PaletteColor::Black);
    m_canvas.fill({kTrackX, y + 1, kTrackWidth, 4}, PaletteColor::DarkGrey);
    m_canvas.fill({kTrackX, y + 1, kTrackWidth * requested / 100, 4}, kFill[i]);
    const int knobX = kTrackX + kTrackWidth * requested / 100;
    m_canvas.fill({knobX - 3, y - 3, 6, 12}, PaletteColor::Black);
    m_canvas.fill({knobX - 2, y - 2, 4, 10}, focused ? PaletteColor::Yellow : PaletteColor::LightGrey);

    // The cluster's weight as a tick mark on the track and a figure on the right.
    const world::ReviewsWeights& observed = frame.world.observedWeights();
    const int actual = observed.defined ? observed.percent[i] : -1;
    if (actual >= 0) {
        const int tickX = kTrackX + kTrackWidth * actual / 100;
        m_canvas.fill({tickX - 1, y + 7, 2, 4}, PaletteColor::Blue);
    }
    m_canvas.text(std::to_string(requested) + "%", static_cast<float>(kTrackX + kTrackWidth + 8),
                  static_cast<float>(y - 2),
                  TextStyle::of(8, focused ? PaletteColor::Yellow : PaletteColor::White, FontFace::Bold));
    const std::string actualText = actual >= 0 ? std::to_string(actual) + "%" : "rr";
    const bool differs = actual >= 0 && actual != requested;
    m_canvas.text(
        actualText, static_cast<float>(kPanel.x + kPanel.w - 6), static_cast<float>(y - 1),
        TextStyle::of(7, differs ? PaletteColor::Blue : PaletteColor::LightGrey, FontFace::Regular, TextAlign::Right));
}

int WeightsPanelPainter::slotAt(float x, float y) const {
    if (!m_open) return -1;
    if (x < static_cast<float>(kPanel.x) || x >= static_cast<float>(kPanel.x + kPanel.w)) return -1;
    for (int slot = 0; slot < 3; ++slot) {
        const auto top = static_cast<float>(kFirstRowY + slot * kRowStep - 8);
        if (y >= top && y < top + static_cast<float>(kRowStep)) return slot;
    }
    return -1;
}

std::optional<int> WeightsPanelPainter::valueAt(float x) const {
    if (!m_open) return std::nullopt;
    const float t = (x - static_cast<float>(kTrackX)) / static_cast<float>(kTrackWidth);
    return static_cast<int>(std::lround(std::clamp(t, 0.0F, 1.0F) * 100.0F));
}

}  // namespace meshlings::render
