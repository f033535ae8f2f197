#include "render/hud_painter.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "render/text_wrap.hpp"
#include "world/model/decimal_text.hpp"

namespace meshlings::render {

namespace {

std::string percentText(double value) {
    return world::decimalText(value) + " %";
}

constexpr PaletteColor kVersionColors[3] = {PaletteColor::White, PaletteColor::DarkGrey, PaletteColor::Red};

}  // namespace

HudPainter::HudPainter(Canvas& canvas) : m_canvas(canvas) {}

std::string HudPainter::clock(int seconds) {
    if (seconds < 0) seconds = 0;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%d:%02d", seconds / 60, seconds % 60);
    return buffer;
}

std::string HudPainter::budgetText(const world::BudgetLeft& b) {
    std::string out;
    auto add = [&out](const char* what, const std::optional<int>& left) {
        if (!left) return;
        if (!out.empty()) out += "  ";
        out += std::string(what) + " " + std::to_string(*left);
    };
    add("deletes", b.deletes);
    add("shifts", b.shifts);
    add("scales", b.scales);
    return out;
}

std::string HudPainter::crowdScaleText(int requestsPerMeshling) {
    if (requestsPerMeshling <= 1) return "1 meshling = 1 request";
    return "1 meshling = " + std::to_string(requestsPerMeshling) + " requests";
}

PaletteColor HudPainter::successColor(double percent) {
    if (percent >= 99.0) return PaletteColor::Green;
    if (percent >= 90.0) return PaletteColor::Yellow;
    if (percent >= 75.0) return PaletteColor::Orange;
    return PaletteColor::Red;
}

void HudPainter::draw(const FrameContext& frame, const world::HudFigures& hud) {
    drawTopBar(frame, hud);
    drawFigures(hud);
    if (!frame.ui.banner.empty()) drawBanner(frame.ui.banner);
    if (hud.connection != world::ConnectionState::Connected) drawConnectionAlert(hud);
    if (hud.paused && !frame.ui.resultVisible && !frame.ui.menu) drawPaused();  // the pause menu says it itself
}

void HudPainter::drawTopBar(const FrameContext& frame, const world::HudFigures& hud) {
    const int w = m_canvas.viewport().logicalWidth();
    m_canvas.fill({0, 0, w, kTopBarHeight}, PaletteColor::Black, 190);
    m_canvas.fill({0, kTopBarHeight, w, 1}, PaletteColor::DarkPurple);
    m_canvas.beginPanel("top bar", SDL_Rect{0, 0, w, kTopBarHeight + 1});
    constexpr float kGap = 8;
    const TextStyle name = TextStyle::of(7, PaletteColor::Pink, FontFace::Bold);
    const std::string title = hud.levelTitle.empty() ? std::string("Sandbox") : hud.levelTitle;
    const std::string timeText =
        hud.secondsLeft ? "time " + clock(*hud.secondsLeft) : "time " + clock(hud.secondsElapsed);
    const bool hurry = hud.secondsLeft && *hud.secondsLeft <= 10;
    const bool blink = hurry && (frame.ms / 300U) % 2U == 0U;
    const TextStyle timeStyle = TextStyle::of(
        7, blink ? PaletteColor::Red : (hurry ? PaletteColor::Orange : PaletteColor::Yellow), FontFace::Bold);
    const TextStyle small = TextStyle::of(6, PaletteColor::LightGrey);
    const std::string budget = budgetText(hud.budget);
    const std::string state(world::connectionStateName(hud.connection));

    // From the right: the connection (its dot and name), the budget, the time; the title takes what is left.
    auto right = static_cast<float>(w - 4);
    const auto place = [&](const std::string& text, const TextStyle& style, float y) {
        right -= m_canvas.measureText(text, style).x;
        m_canvas.text(text, right, y, style);
        right -= kGap;
    };
    place(state, small, 3.5F);
    PaletteColor dot = PaletteColor::Green;
    if (hud.connection == world::ConnectionState::Connecting) dot = PaletteColor::Yellow;
    if (hud.connection == world::ConnectionState::Lost || hud.connection == world::ConnectionState::Failed) {
        dot = (frame.ms / 400U) % 2U == 0U ? PaletteColor::Red : PaletteColor::DarkPurple;
    }
    m_canvas.fill({static_cast<int>(right) + 1, 5, 6, 6}, dot);
    right -= 6 + kGap;
    const float nameRight = 4 + m_canvas.measureText("MESHLINGS", name).x + kGap;
    // The budget is dropped before the time when the bar is short (the HUD's figures say it again).
    const float timeW = m_canvas.measureText(timeText, timeStyle).x;
    if (!budget.empty() && right - m_canvas.measureText(budget, small).x - kGap - timeW > nameRight + 40) {
        place(budget, small, 3.5F);
    }
    place(timeText, timeStyle, 3);
    m_canvas.text("MESHLINGS", 4, 3, name);
    TextColumn titleColumn(m_canvas, nameRight, 3, std::max(0.0F, right - nameRight), false);
    if (titleColumn.width() > 8) titleColumn.line(title, TextStyle::of(7, PaletteColor::White, FontFace::Bold));
    m_canvas.endPanel();
}

void HudPainter::drawFigures(const world::HudFigures& hud) {
    const SDL_Rect r = kFiguresPanel;
    const auto layout = [&](bool dry) {
        TextColumn column(m_canvas, static_cast<float>(r.x + 5), static_cast<float>(r.y + 3),
                          static_cast<float>(r.w - 10), dry);
        figureLines(column, hud);
        return column.y();
    };
    const float bottom = layout(true) + 3;
    m_figuresPanel = SDL_Rect{r.x, r.y, r.w, static_cast<int>(std::ceil(bottom)) - r.y};
    m_canvas.panel(m_figuresPanel, PaletteColor::DarkPurple);
    m_canvas.beginPanel("figures", m_figuresPanel);
    layout(false);
    m_canvas.endPanel();
}

void HudPainter::figureLines(TextColumn& column, const world::HudFigures& hud) {
    const TextStyle label = TextStyle::of(6, PaletteColor::LightGrey, FontFace::Bold);
    if (hud.successPercent) {
        column.labelValue("SERVED", label, percentText(*hud.successPercent),
                          TextStyle::of(13, successColor(*hud.successPercent), FontFace::Bold));
    } else {
        column.labelValue("SERVED", label, "--", TextStyle::of(13, PaletteColor::DarkGrey, FontFace::Bold));
    }
    column.space(2);
    const auto ms = [](const std::optional<int>& v) { return v ? std::to_string(*v) + " ms" : std::string("--"); };
    column.pair("p50 " + ms(hud.p50Ms), TextStyle::of(6.5F, PaletteColor::White), "p99 " + ms(hud.p99Ms),
                TextStyle::of(6.5F, hud.p99Ms && *hud.p99Ms > world::kGoodLatencyMs ? PaletteColor::Orange
                                                                                    : PaletteColor::White));
    column.pair("saved " + std::to_string(hud.saved), TextStyle::of(6.5F, PaletteColor::Green, FontFace::Bold),
                "lost " + std::to_string(hud.lost), TextStyle::of(6.5F, PaletteColor::Red, FontFace::Bold));
    column.line("degraded " + std::to_string(hud.degraded), TextStyle::of(6.5F, PaletteColor::LightGrey));
    if (hud.requestsPerMeshling > 1) {  // a busy map: one meshling drawn for N requests (world::CrowdDensity)
        column.line(crowdScaleText(hud.requestsPerMeshling), TextStyle::of(6.5F, PaletteColor::Yellow));
    }
    column.rule(PaletteColor::DarkPurple);
    column.pair("pods down " + std::to_string(hud.podsDown),
                TextStyle::of(6.5F, hud.podsDown > 0 ? PaletteColor::Red : PaletteColor::LightGrey,
                              hud.podsDown > 0 ? FontFace::Bold : FontFace::Regular),
                "recovering " + std::to_string(hud.podsRecovering),
                TextStyle::of(6.5F, hud.podsRecovering > 0 ? PaletteColor::Orange : PaletteColor::LightGrey));
    column.rule(PaletteColor::DarkPurple);
    column.line("reviews in cluster", label);
    column.line(hud.weights.text(), TextStyle::of(6.5F, PaletteColor::White));
    const float barY = column.space(8);
    if (!column.dryRun()) {
        drawWeightsBar(hud.weights, static_cast<int>(column.x()) + 1, static_cast<int>(barY) + 1,
                       static_cast<int>(column.width()) - 2);
    }
    column.rule(PaletteColor::DarkPurple);
    drawResilience(column, hud.resilience);
    if (!hud.telemetry.empty()) {  // --prometheus: everyone else's traffic, or why it is not read
        const bool down = hud.telemetry.rfind("Prometheus down", 0) == 0;
        column.paragraph(hud.telemetry, TextStyle::of(5.5F, down ? PaletteColor::Orange : PaletteColor::LightGrey), 2);
    }
}

// The system's score (docs/scoring.md), apart from the player's points: the
// headline with the state of the steady-state gate, the error budget, or the verdict under it.
void HudPainter::drawResilience(TextColumn& column, const world::ResilienceSummary& s) {
    PaletteColor scoreColor = PaletteColor::DarkGrey;
    std::string score = "--";
    if (s.headline) {
        score = std::to_string(static_cast<int>(std::lround(*s.headline)));
        scoreColor =
            *s.headline >= 80 ? PaletteColor::Green : (*s.headline >= 60 ? PaletteColor::Orange : PaletteColor::Red);
    }
    column.labelValue("RESILIENCE", TextStyle::of(6, PaletteColor::LightGrey, FontFace::Bold), score,
                      TextStyle::of(10, scoreColor, FontFace::Bold));
    std::string status;
    PaletteColor statusColor = PaletteColor::LightGrey;
    if (s.verdict == world::ScoreVerdict::Pending) {
        if (!s.steadyJudged) {
            status = "steady state judged at first action";
        } else if (!s.steady) {
            status = "not steady: not scored";
            statusColor = PaletteColor::Orange;
        } else if (s.budgetLeft) {
            const int left = static_cast<int>(std::lround(std::max(-9.99, *s.budgetLeft) * 100));
            status = "budget " + std::to_string(left) + "% left, " + std::to_string(s.actions) + " actions";
            if (left <= 0) statusColor = PaletteColor::Red;
        } else {
            status = "steady";
        }
    } else {
        status = std::string(world::scoreVerdictName(s.verdict));
        for (char& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        statusColor = s.verdict == world::ScoreVerdict::Pass ? PaletteColor::Green : PaletteColor::Red;
    }
    column.paragraph(status, TextStyle::of(5.5F, statusColor), 2);
}

void HudPainter::drawWeightsBar(const world::ReviewsWeights& weights, int x, int y, int w) {
    m_canvas.fill({x - 1, y - 1, w + 2, 7}, PaletteColor::Black);
    int at = x;
    for (std::size_t i = 0; i < 3; ++i) {
        const int share = weights.defined ? weights.percent[i] : 33;
        const int segment = i == 2 ? x + w - at : w * share / 100;
        if (segment > 0) m_canvas.fill({at, y, segment, 5}, kVersionColors[i]);
        at += segment;
    }
}

void HudPainter::drawConnectionAlert(const world::HudFigures& hud) {
    const bool failed = hud.connection != world::ConnectionState::Connecting;
    const SDL_Rect area = failed ? SDL_Rect{100, 22, 362, 0} : SDL_Rect{130, 22, 330, 0};  // left of the figures
    const std::string head = hud.connection == world::ConnectionState::Lost ? "CONNECTION LOST" : "NOT CONNECTED";
    const std::string step = hud.failedStep.empty() ? head : head + " at " + hud.failedStep;
    // The doctor's message is long (what failed, and what to do next): wrapped to the box, six lines at most.
    const auto lay = [&](bool dry) {
        TextColumn column(m_canvas, static_cast<float>(area.x + 6), static_cast<float>(area.y + 3),
                          static_cast<float>(area.w - 12), dry);
        if (!failed) {
            column.line("Connecting to the cluster...",
                        TextStyle::of(7, PaletteColor::Yellow, FontFace::Bold, TextAlign::Center));
            return column.y();
        }
        column.line(step, TextStyle::of(8, PaletteColor::Red, FontFace::Bold, TextAlign::Center));
        column.space(2);
        column.paragraph(hud.connectionMessage,
                         TextStyle::of(6.5F, PaletteColor::White, FontFace::Regular, TextAlign::Center), 6);
        return column.y();
    };
    const int h = static_cast<int>(std::ceil(lay(true))) + 3 - area.y;
    const SDL_Rect box{area.x, area.y, area.w, h};
    m_canvas.fill(box, PaletteColor::Black, failed ? 230 : 220);
    m_canvas.panel(box, failed ? PaletteColor::Red : PaletteColor::Yellow);
    m_canvas.beginPanel("connection", box);
    lay(false);
    m_canvas.endPanel();
}

void HudPainter::drawBanner(const std::string& banner) {
    // A strip on top of the objectives panel, clear of the map's services; two lines at most.
    TextStyle s = TextStyle::of(7, PaletteColor::Black, FontFace::Bold, TextAlign::Center);
    s.shadow = false;
    const auto width = static_cast<float>(kBannerArea.w - 8);
    TextColumn dry(m_canvas, 0, 0, width, true);
    dry.paragraph(banner, s, 2);
    const int h = static_cast<int>(std::ceil(dry.y())) + 3;
    const SDL_Rect strip{kBannerArea.x, kBannerArea.h - h, kBannerArea.w, h};
    m_canvas.fill(strip, PaletteColor::Orange, 235);
    m_canvas.fill({strip.x, strip.y + strip.h - 1, strip.w, 1}, PaletteColor::Brown);
    m_canvas.beginPanel("banner", strip);
    TextColumn column(m_canvas, static_cast<float>(strip.x + 4), static_cast<float>(strip.y) + 1.5F, width, false);
    column.paragraph(banner, s, 2);
    m_canvas.endPanel();
}

void HudPainter::drawPaused() {
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 70);
    const SDL_Rect box{w / 2 - 70, h / 2 - 20, 140, 34};
    m_canvas.panel(box, PaletteColor::Yellow);
    m_canvas.text("PAUSED", static_cast<float>(w) / 2.0F, static_cast<float>(box.y + 5),
                  TextStyle::of(18, PaletteColor::Yellow, FontFace::Bold, TextAlign::Center));
}

}  // namespace meshlings::render
