#include "render/help_overlay_painter.hpp"

#include <algorithm>

#include "render/hud_painter.hpp"
#include "render/text_column.hpp"

namespace meshlings::render {

namespace {

struct LegendEntry {
    const char* sprite;
    const char* label;
};

constexpr LegendEntry kPods[] = {
    {"pod_ready", "Ready"},         {"pod_sick", "failing"},      {"pod_notready", "not ready"},
    {"pod_pending", "Pending"},     {"pod_creating", "creating"}, {"pod_terminating", "Terminating"},
    {"pod_crashloop", "CrashLoop"}, {"pod_gone", "gone"},
};

constexpr LegendEntry kWalkers[] = {
    {"meshling_walk", "served (v1)"},   {"meshling_walk_v2", "by v2"}, {"meshling_walk_v3", "by v3"},
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
    m_canvas.beginPanel("help", kPanel, true);
    TextColumn title(m_canvas, static_cast<float>(kPanel.x + 10), static_cast<float>(kPanel.y + 4),
                     static_cast<float>(kPanel.w - 20), false);
    title.line("CONTROLS", TextStyle::of(10, PaletteColor::Blue, FontFace::Bold, TextAlign::Center));
    // The legend at the bottom, measured first: the controls get the room above it.
    const float legendH = drawLegend(frame, true, 0);
    const auto legendTop = static_cast<float>(kPanel.y + kPanel.h - 4) - legendH;
    drawControls(frame.ui.helpLines, title.y() + 3, legendTop - 6);
    drawLegend(frame, false, legendTop);
    m_canvas.endPanel();
}

// Two columns of "keys  action": the keys in a column as wide as the widest (at most 45 % of the column),
// the action beside them, each shortened with an ellipsis; lines that find no room are left out.
void HelpOverlayPainter::drawControls(const std::vector<std::pair<std::string, std::string>>& lines, float top,
                                      float bottom) {
    constexpr float kGap = 6;
    const TextStyle keys = TextStyle::of(6.5F, PaletteColor::Yellow, FontFace::Bold);
    const TextStyle action = TextStyle::of(6.5F, PaletteColor::White);
    const float columnW = static_cast<float>(kPanel.w - 20 - 10) / 2;
    float keysW = 0;
    for (const auto& line : lines) keysW = std::max(keysW, m_canvas.measureText(line.first, keys).x);
    keysW = std::min(keysW, columnW * 0.45F);
    const float lineH = std::max(m_canvas.measureText("Ag", keys).y, m_canvas.measureText("Ag", action).y);
    const auto rows = static_cast<std::size_t>(std::max(1.0F, (bottom - top) / lineH));
    const std::size_t perColumn = std::min(rows, std::max<std::size_t>(1, (lines.size() + 1) / 2));
    // An action that does not fit on one line wraps onto a second one while the column has rows to spare
    // (all of them at 1080p; the first few at 1024x768); the rest are shortened with an ellipsis.
    const float whatW = columnW - keysW - kGap;
    for (std::size_t column = 0; column < 2; ++column) {
        std::size_t spare = rows - perColumn;
        float y = top;
        const float x = static_cast<float>(kPanel.x + 10) + static_cast<float>(column) * (columnW + 10);
        for (std::size_t i = column * perColumn; i < lines.size() && i < (column + 1) * perColumn; ++i) {
            std::size_t linesEach = 1;
            if (spare > 0 && m_canvas.measureText(lines[i].second, action).x > whatW) {
                linesEach = 2;
                --spare;
            }
            TextColumn key(m_canvas, x, y, keysW, false);
            key.line(lines[i].first, keys);
            TextColumn what(m_canvas, x + keysW + kGap, y, whatW, false);
            what.paragraph(lines[i].second, action, linesEach);
            y += static_cast<float>(linesEach) * lineH;
        }
    }
}

// The pod looks with their names, as many in a row as fit, then the meshlings' looks with theirs. Returns the
// height it takes; a dry run only measures.
float HelpOverlayPainter::drawLegend(const FrameContext& frame, bool dryRun, float top) {
    constexpr float kGap = 6;
    const TextStyle label = TextStyle::of(5, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center);
    const float labelH = m_canvas.measureText("Ag", label).y;
    const auto left = static_cast<float>(kPanel.x + 10);
    const auto right = static_cast<float>(kPanel.x + kPanel.w - 10);
    float y = top;
    if (!dryRun) m_canvas.fill({kPanel.x + 10, static_cast<int>(top) - 3, kPanel.w - 20, 1}, PaletteColor::DarkGrey);
    const float rowH = 22 + labelH + 2;  // a pod (20 high), its name under it
    float x = left;
    for (const LegendEntry& e : kPods) {
        const float itemW = std::max(16.0F, m_canvas.measureText(e.label, label).x);
        if (x + itemW > right) {
            x = left;
            y += rowH;
        }
        if (!dryRun) {
            m_canvas.animation(e.sprite, frame.ms, x + itemW / 2 - 8, y);
            m_canvas.text(e.label, x + itemW / 2, y + 22, label);
        }
        x += itemW + kGap;
    }
    y += rowH;
    x = left;
    for (const LegendEntry& e : kWalkers) {
        const float itemW = std::max(10.0F, m_canvas.measureText(e.label, label).x);
        if (x + itemW > right) {
            x = left;
            y += 12 + labelH + 2;
        }
        if (!dryRun) {
            m_canvas.animation(e.sprite, frame.ms, x + itemW / 2 - 4, y);
            m_canvas.text(e.label, x + itemW / 2, y + 12, label);
        }
        x += itemW + kGap;
    }
    // How many requests a meshling stands for, after the walkers on their row, or on a row of its own.
    const std::string scale = HudPainter::crowdScaleText(frame.world.crowdDensity().requestsPerMeshling());
    const TextStyle scaleStyle = TextStyle::of(5, PaletteColor::Yellow, FontFace::Regular, TextAlign::Left);
    const float scaleW = m_canvas.measureText(scale, scaleStyle).x;
    if (x + scaleW > right) {
        x = left;
        y += 12 + labelH + 2;
    }
    if (!dryRun) m_canvas.text(scale, x, y + 12, scaleStyle);
    y += 12 + labelH;
    return y - top;
}

}  // namespace meshlings::render
