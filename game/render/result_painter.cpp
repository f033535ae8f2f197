#include "render/result_painter.hpp"

#include <algorithm>
#include <cctype>

#include "render/objectives_painter.hpp"
#include "world/model/decimal_text.hpp"
#include "world/score/resilience_breakdown.hpp"

namespace meshlings::render {

namespace {

constexpr float kResultPad = 10;
constexpr float kColumnGap = 14;

std::string percentOrDash(const std::optional<double>& v) {
    return v ? world::decimalText(*v) + " %" : std::string("--");
}

PaletteColor verdictColor(world::ScoreVerdict verdict) {
    switch (verdict) {
        case world::ScoreVerdict::Pass:
            return PaletteColor::Green;
        case world::ScoreVerdict::Fail:
            return PaletteColor::Red;
        case world::ScoreVerdict::Halted:
            return PaletteColor::Orange;
        default:
            return PaletteColor::LightGrey;
    }
}

// A mark per verdict that reads without colour.
const char* verdictMark(world::ScoreVerdict verdict) {
    switch (verdict) {
        case world::ScoreVerdict::Pass:
            return "\u2714 ";
        case world::ScoreVerdict::Fail:
            return "\u2718 ";
        case world::ScoreVerdict::Halted:
            return "\u25A0 ";
        default:
            return "";
    }
}

}  // namespace

ResultPainter::ResultPainter(Canvas& canvas) : m_canvas(canvas) {}

void ResultPainter::draw(const FrameContext& frame, const world::HudFigures& live) {
    m_layout = {};
    if (!frame.ui.resultVisible) return;
    const world::HudFigures& hud = frame.ui.finalHud ? *frame.ui.finalHud : live;
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 150);
    m_layout.panel = {static_cast<float>(kPanel.x), static_cast<float>(kPanel.y), static_cast<float>(kPanel.w),
                      static_cast<float>(kPanel.h)};
    PanelText text(m_canvas, m_layout);
    const float top = drawHeader(frame, hud, text);
    const float buttonH = text.lineHeight(TextStyle::of(9, PaletteColor::White, FontFace::Bold)) + 8;
    const float buttonsTop = static_cast<float>(kPanel.y + kPanel.h) - kResultPad - buttonH;
    const float bottom = buttonsTop - 6;
    m_canvas.fill({kPanel.x + 10, static_cast<int>(bottom) + 2, kPanel.w - 20, 1}, PaletteColor::DarkGrey);
    drawObjectives(hud, text, top, bottom);
    const world::ResilienceReport report =
        frame.ui.finalScore ? *frame.ui.finalScore : frame.world.resilience().report();
    drawScore(report, text, top, bottom);
    drawChoices(frame, text, buttonsTop);
}

float ResultPainter::drawHeader(const FrameContext& frame, const world::HudFigures& hud, PanelText& text) {
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
    m_canvas.fill(kPanel, PaletteColor::DarkBlue, 240);
    m_canvas.panel(kPanel, color);
    const auto cx = static_cast<float>(kPanel.x + kPanel.w / 2);
    const float inner = static_cast<float>(kPanel.w) - 2 * kResultPad;
    const float bounce = (frame.ms / 400U) % 2U == 0U ? 0.0F : 1.0F;  // a gentle bounce on the title
    float y = static_cast<float>(kPanel.y) + 6 - bounce;
    y += text.line(title, cx, y, inner, TextStyle::of(16, color, FontFace::Bold, TextAlign::Center)) + bounce;
    y += text.line(hud.levelTitle, cx, y, inner,
                   TextStyle::of(8, PaletteColor::White, FontFace::Bold, TextAlign::Center));
    return y + 6;
}

void ResultPainter::drawObjectives(const world::HudFigures& hud, PanelText& text, float top, float bottom) {
    const auto x = static_cast<float>(kPanel.x) + kResultPad;
    const float width = (static_cast<float>(kPanel.w) - 2 * kResultPad - kColumnGap) / 2;
    float y = top;
    y += text.line("OBJECTIVES", x, y, width, TextStyle::of(7, PaletteColor::Blue, FontFace::Bold)) + 3;
    if (hud.objectives.empty()) {
        y += text.line("none: free play", x, y, width, TextStyle::of(7, PaletteColor::LightGrey)) + 3;
    }
    const TextStyle detail = TextStyle::of(6, PaletteColor::LightGrey);
    for (const world::ObjectiveProgress& p : hud.objectives) {
        if (y + 2 * text.lineHeight(detail) > bottom) break;
        const PaletteColor c = ObjectivesPainter::color(p);
        const TextStyle markStyle = TextStyle::of(8, c, FontFace::Bold);
        const float markW = text.widthOf(markStyle)(ObjectivesPainter::mark(p)) + 4;
        text.line(ObjectivesPainter::mark(p), x, y, markW, markStyle);
        const TextStyle body = TextStyle::of(7, c);
        const std::size_t lines = y + 3 * text.lineHeight(body) < bottom ? 2 : 1;
        y += text.paragraph(p.text, x + markW, y, width - markW, lines, body);
        if (y + text.lineHeight(detail) > bottom) break;
        y += text.line(p.progress, x + markW, y, width - markW, detail) + 4;
    }
    const TextStyle figures = TextStyle::of(6.5F, PaletteColor::White);
    const std::string line = "requests " + std::to_string(hud.requests) + ", served " + std::to_string(hud.saved) +
                             ", degraded " + std::to_string(hud.degraded) + ", lost " + std::to_string(hud.lost) +
                             ", success " + percentOrDash(hud.sessionSuccessPercent) + " (this session)";
    const float needed = 2 * text.lineHeight(figures) + 4;
    if (y + needed <= bottom) {
        y = std::max(y, bottom - needed);
        text.paragraph(line, x, y + 4, width, 2, figures);
    }
}

void ResultPainter::drawScore(const world::ResilienceReport& report, PanelText& text, float top, float bottom) {
    const float width = (static_cast<float>(kPanel.w) - 2 * kResultPad - kColumnGap) / 2;
    const float x = static_cast<float>(kPanel.x + kPanel.w) - kResultPad - width;
    m_canvas.fill({static_cast<int>(x - kColumnGap / 2), static_cast<int>(top), 1, static_cast<int>(bottom - top)},
                  PaletteColor::DarkGrey);
    float y = top;
    y += text.line("RESILIENCE SCORE", x, y, width, TextStyle::of(7, PaletteColor::Blue, FontFace::Bold)) + 3;
    const PaletteColor c = verdictColor(report.verdict);
    std::string headline = verdictMark(report.verdict);
    if (report.headline) headline += world::decimalText(*report.headline, 1) + "  ";
    for (const char letter : world::scoreVerdictName(report.verdict)) {
        headline += static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
    }
    y += text.line(headline, x, y, width, TextStyle::of(12, c, FontFace::Bold)) + 2;
    const TextStyle reason = TextStyle::of(6.5F, c);
    for (const std::string& why : report.reasons) {
        if (y + text.lineHeight(reason) > bottom) return;
        y += text.paragraph(why, x, y, width, 2, reason);
    }
    y += 3;
    // The breakdown after its headline line and further reasons (shown above).
    const std::vector<std::string> lines = world::ResilienceBreakdown::lines(report);
    const TextStyle small = TextStyle::of(5.5F, PaletteColor::LightGrey);
    const float lineH = text.lineHeight(small);
    for (std::size_t i = std::max<std::size_t>(1, report.reasons.size()); i < lines.size(); ++i) {
        const float room = bottom - y;
        if (room < lineH) return;
        const auto fits = static_cast<std::size_t>(room / lineH);
        y += text.paragraph(lines[i], x, y, width, std::min<std::size_t>(2, fits), small) + 1;
    }
}

void ResultPainter::drawChoices(const FrameContext& frame, PanelText& text, float top) {
    const auto& choices = frame.ui.resultChoices;
    if (choices.empty()) return;
    const TextStyle base = TextStyle::of(9, PaletteColor::White, FontFace::Bold, TextAlign::Center);
    const float height = text.lineHeight(base) + 8;
    const float gap = 10;
    const float inner = static_cast<float>(kPanel.w) - 2 * kResultPad;
    const float width = (inner - gap * static_cast<float>(choices.size() - 1)) / static_cast<float>(choices.size());
    float x = static_cast<float>(kPanel.x) + kResultPad;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const bool focused = static_cast<int>(i) == frame.ui.resultFocus;
        const SDL_Rect button{static_cast<int>(x), static_cast<int>(top), static_cast<int>(width),
                              static_cast<int>(height)};
        m_canvas.fill(button, focused ? PaletteColor::Blue : PaletteColor::Black, focused ? 210 : 130);
        if (focused) m_canvas.outline(button, PaletteColor::White);
        m_layout.buttons.push_back({x, top, width, height});
        TextStyle style = base;
        style.color = focused ? PaletteColor::White : PaletteColor::LightGrey;
        text.line((focused ? "> " : "") + choices[i], x + width / 2, top + 4, width - 8, style);
        x += width + gap;
    }
}

int ResultPainter::choiceAt(float x, float y) const {
    for (std::size_t i = 0; i < m_layout.buttons.size(); ++i) {
        const SDL_FRect& b = m_layout.buttons[i];
        if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace meshlings::render
