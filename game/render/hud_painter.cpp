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
    m_canvas.text("MESHLINGS", 4, 3, TextStyle::of(7, PaletteColor::Pink, FontFace::Bold));
    const std::string title = hud.levelTitle.empty() ? std::string("Sandbox") : hud.levelTitle;
    m_canvas.text(title, 64, 3, TextStyle::of(7, PaletteColor::White, FontFace::Bold));

    std::string timeText = hud.secondsLeft ? "time " + clock(*hud.secondsLeft) : "time " + clock(hud.secondsElapsed);
    const bool hurry = hud.secondsLeft && *hud.secondsLeft <= 10;
    const bool blink = hurry && (frame.ms / 300U) % 2U == 0U;
    m_canvas.text(timeText, 300, 3,
                  TextStyle::of(7, blink ? PaletteColor::Red : (hurry ? PaletteColor::Orange : PaletteColor::Yellow),
                                FontFace::Bold));
    const std::string budget = budgetText(hud.budget);
    if (!budget.empty()) m_canvas.text(budget, 370, 3.5F, TextStyle::of(6, PaletteColor::LightGrey));

    PaletteColor dot = PaletteColor::Green;
    if (hud.connection == world::ConnectionState::Connecting) dot = PaletteColor::Yellow;
    if (hud.connection == world::ConnectionState::Lost || hud.connection == world::ConnectionState::Failed) {
        dot = (frame.ms / 400U) % 2U == 0U ? PaletteColor::Red : PaletteColor::DarkPurple;
    }
    m_canvas.fill({w - 72, 5, 6, 6}, dot);
    m_canvas.text(std::string(world::connectionStateName(hud.connection)), static_cast<float>(w - 63), 3.5F,
                  TextStyle::of(6, PaletteColor::LightGrey));
}

void HudPainter::drawFigures(const world::HudFigures& hud) {
    const SDL_Rect r = kFiguresPanel;
    m_canvas.panel(r, PaletteColor::DarkPurple);
    auto x = static_cast<float>(r.x + 5);
    auto y = static_cast<float>(r.y + 3);
    m_canvas.text("SERVED", x, y + 5, TextStyle::of(6, PaletteColor::LightGrey, FontFace::Bold));
    if (hud.successPercent) {
        m_canvas.text(percentText(*hud.successPercent), static_cast<float>(r.x + r.w - 5), y,
                      TextStyle::of(13, successColor(*hud.successPercent), FontFace::Bold, TextAlign::Right));
    } else {
        m_canvas.text("--", static_cast<float>(r.x + r.w - 5), y,
                      TextStyle::of(13, PaletteColor::DarkGrey, FontFace::Bold, TextAlign::Right));
    }
    y += 18;
    const auto ms = [](const std::optional<int>& v) { return v ? std::to_string(*v) + " ms" : std::string("--"); };
    m_canvas.text("p50 " + ms(hud.p50Ms), x, y, TextStyle::of(6.5F, PaletteColor::White));
    m_canvas.text("p99 " + ms(hud.p99Ms), x + 80, y,
                  TextStyle::of(6.5F, hud.p99Ms && *hud.p99Ms > world::kGoodLatencyMs ? PaletteColor::Orange
                                                                                      : PaletteColor::White));
    y += 11;
    m_canvas.text("saved " + std::to_string(hud.saved), x, y, TextStyle::of(6.5F, PaletteColor::Green, FontFace::Bold));
    m_canvas.text("lost " + std::to_string(hud.lost), x + 80, y,
                  TextStyle::of(6.5F, PaletteColor::Red, FontFace::Bold));
    y += 10;
    m_canvas.text("degraded " + std::to_string(hud.degraded), x, y, TextStyle::of(6.5F, PaletteColor::LightGrey));
    y += 13;
    m_canvas.fill({r.x + 4, static_cast<int>(y) - 3, r.w - 8, 1}, PaletteColor::DarkPurple);
    m_canvas.text("pods down " + std::to_string(hud.podsDown), x, y,
                  TextStyle::of(6.5F, hud.podsDown > 0 ? PaletteColor::Red : PaletteColor::LightGrey,
                                hud.podsDown > 0 ? FontFace::Bold : FontFace::Regular));
    m_canvas.text("recovering " + std::to_string(hud.podsRecovering), x + 80, y,
                  TextStyle::of(6.5F, hud.podsRecovering > 0 ? PaletteColor::Orange : PaletteColor::LightGrey));
    y += 13;
    m_canvas.fill({r.x + 4, static_cast<int>(y) - 3, r.w - 8, 1}, PaletteColor::DarkPurple);
    m_canvas.text("reviews in cluster", x, y, TextStyle::of(6, PaletteColor::LightGrey, FontFace::Bold));
    y += 9;
    m_canvas.text(hud.weights.text(), x, y, TextStyle::of(6.5F, PaletteColor::White));
    y += 11;
    drawWeightsBar(hud.weights, r.x + 5, static_cast<int>(y), r.w - 10);
    y += 10;
    m_canvas.fill({r.x + 4, static_cast<int>(y) - 3, r.w - 8, 1}, PaletteColor::DarkPurple);
    drawResilience(hud.resilience, x, y, static_cast<float>(r.x + r.w - 5));
    if (!hud.telemetry.empty()) {  // --prometheus: everyone else's traffic, or why it is not read
        const bool down = hud.telemetry.rfind("Prometheus down", 0) == 0;
        m_canvas.text(hud.telemetry, x, y + 21,
                      TextStyle::of(5.5F, down ? PaletteColor::Orange : PaletteColor::LightGrey));
    }
}

// The system's score (docs/scoring.md), apart from the player's points: the
// headline with the state of the steady-state gate, the error budget, or the verdict under it.
void HudPainter::drawResilience(const world::ResilienceSummary& s, float x, float y, float right) {
    m_canvas.text("RESILIENCE", x, y + 2, TextStyle::of(6, PaletteColor::LightGrey, FontFace::Bold));
    PaletteColor scoreColor = PaletteColor::DarkGrey;
    std::string score = "--";
    if (s.headline) {
        score = std::to_string(static_cast<int>(std::lround(*s.headline)));
        scoreColor =
            *s.headline >= 80 ? PaletteColor::Green : (*s.headline >= 60 ? PaletteColor::Orange : PaletteColor::Red);
    }
    m_canvas.text(score, right, y - 1, TextStyle::of(10, scoreColor, FontFace::Bold, TextAlign::Right));
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
    m_canvas.text(status, x, y + 11, TextStyle::of(5.5F, statusColor));
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
    if (!failed) {
        const SDL_Rect box{130, 22, 330, 16};
        m_canvas.fill(box, PaletteColor::Black, 220);
        m_canvas.panel(box, PaletteColor::Yellow);
        m_canvas.text("Connecting to the cluster...", static_cast<float>(box.x + box.w / 2),
                      static_cast<float>(box.y + 3),
                      TextStyle::of(7, PaletteColor::Yellow, FontFace::Bold, TextAlign::Center));
        return;
    }
    // The doctor's message is long (what failed, and what to do next): wrapped
    // to the box, at most kMaxLines lines.
    constexpr int kMaxLines = 6;
    constexpr float kLineHeight = 8;
    const SDL_Rect area{100, 22, 362, 0};  // left of the figures panel
    const float centreX = static_cast<float>(area.x + area.w / 2);
    const TextStyle body = TextStyle::of(6.5F, PaletteColor::White, FontFace::Regular, TextAlign::Center);
    auto lines = wrapText(hud.connectionMessage, static_cast<float>(area.w - 12),
                          [&](const std::string& s) { return m_canvas.measureText(s, body).x; });
    if (lines.size() > kMaxLines) {
        lines.resize(kMaxLines);
        lines.back() += " \u2026";
    }
    const SDL_Rect box{area.x, area.y, area.w, 22 + static_cast<int>(kLineHeight * static_cast<float>(lines.size()))};
    m_canvas.fill(box, PaletteColor::Black, 230);
    m_canvas.panel(box, PaletteColor::Red);
    const std::string head = hud.connection == world::ConnectionState::Lost ? "CONNECTION LOST" : "NOT CONNECTED";
    const std::string step = hud.failedStep.empty() ? head : head + " at " + hud.failedStep;
    m_canvas.text(step, centreX, static_cast<float>(box.y + 3),
                  TextStyle::of(8, PaletteColor::Red, FontFace::Bold, TextAlign::Center));
    auto y = static_cast<float>(box.y + 17);
    for (const auto& line : lines) {
        m_canvas.text(line, centreX, y, body);
        y += kLineHeight;
    }
}

void HudPainter::drawBanner(const std::string& banner) {
    // A strip on top of the objectives panel, clear of the map's services.
    const SDL_Rect strip{136, 292, 500, 13};
    m_canvas.fill(strip, PaletteColor::Orange, 235);
    m_canvas.fill({strip.x, strip.y + strip.h - 1, strip.w, 1}, PaletteColor::Brown);
    TextStyle s = TextStyle::of(7, PaletteColor::Black, FontFace::Bold, TextAlign::Center);
    s.shadow = false;
    m_canvas.text(banner, static_cast<float>(strip.x + strip.w / 2), static_cast<float>(strip.y) + 2.0F, s);
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
