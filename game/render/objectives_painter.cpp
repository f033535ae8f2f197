#include "render/objectives_painter.hpp"

#include <algorithm>

#include "render/text_column.hpp"

namespace meshlings::render {

namespace {

PaletteColor messageColor(world::MessageKind kind) {
    switch (kind) {
        case world::MessageKind::Warning:
            return PaletteColor::Orange;
        case world::MessageKind::Refusal:
            return PaletteColor::Red;
        case world::MessageKind::Objective:
            return PaletteColor::Yellow;
        case world::MessageKind::Result:
            return PaletteColor::Pink;
        case world::MessageKind::Event:
            return PaletteColor::Yellow;
        case world::MessageKind::Info:
            break;
    }
    return PaletteColor::LightGrey;
}

}  // namespace

ObjectivesPainter::ObjectivesPainter(Canvas& canvas, const EffectsPlayer& effects)
    : m_canvas(canvas), m_effects(effects) {}

std::string ObjectivesPainter::mark(const world::ObjectiveProgress& p) {
    if (p.status == world::ObjectiveStatus::Met) return "\u2714";
    if (p.status == world::ObjectiveStatus::Failed) return "\u2718";
    return p.atRisk ? "!" : "\u25B8";
}

PaletteColor ObjectivesPainter::color(const world::ObjectiveProgress& p) {
    if (p.status == world::ObjectiveStatus::Met) return PaletteColor::Green;
    if (p.status == world::ObjectiveStatus::Failed) return PaletteColor::Red;
    return p.atRisk ? PaletteColor::Orange : PaletteColor::White;
}

void ObjectivesPainter::draw(const FrameContext& frame, const world::HudFigures& hud) {
    (void)frame;
    m_canvas.panel(kPanel, PaletteColor::DarkPurple);
    m_canvas.fill({kSplitX, kPanel.y + 4, 1, kPanel.h - 8}, PaletteColor::DarkPurple);
    m_canvas.beginPanel("objectives", SDL_Rect{kPanel.x, kPanel.y, kSplitX - kPanel.x, kPanel.h});
    drawObjectives(hud);
    m_canvas.beginPanel("log", SDL_Rect{kSplitX, kPanel.y, kPanel.x + kPanel.w - kSplitX, kPanel.h});
    drawMessages(hud);
    m_canvas.endPanel();
}

// Each objective as its mark and text, its figure on the line under it with the progress bar beside; when the
// panel has no room for both lines (large text on a small screen) the figure shares the text's line, and what
// does not fit at all is counted in the heading ("+1 more").
void ObjectivesPainter::drawObjectives(const world::HudFigures& hud) {
    const auto left = static_cast<float>(kPanel.x + 5);
    const auto width = static_cast<float>(kSplitX - kPanel.x - 10);
    const auto bottom = static_cast<float>(kPanel.y + kPanel.h - 2);
    const TextStyle heading = TextStyle::of(6, PaletteColor::Pink, FontFace::Bold);
    TextColumn column(m_canvas, left, static_cast<float>(kPanel.y + 2), width, false);
    if (hud.objectives.empty()) {
        column.line("OBJECTIVES", heading);
        column.paragraph(
            "Free play: break things and watch the meshlings.", TextStyle::of(6, PaletteColor::LightGrey),
            column.fits(TextStyle::of(6, PaletteColor::LightGrey), bottom - column.lineHeight(heading)) ? 2 : 1);
        return;
    }
    const TextStyle text = TextStyle::of(6.5F, PaletteColor::White);
    const TextStyle figure = TextStyle::of(5.5F, PaletteColor::LightGrey);
    const float textH = column.lineHeight(text);
    const float figureH = column.lineHeight(figure);
    const float room = bottom - column.y() - column.lineHeight(heading);
    const bool twoLines = room >= static_cast<float>(hud.objectives.size()) * (textH + figureH);
    const auto shown = std::min(hud.objectives.size(),
                                static_cast<std::size_t>(std::max(0.0F, room / (twoLines ? textH + figureH : textH))));
    const std::size_t hidden = hud.objectives.size() - shown;
    column.line(hidden == 0 ? std::string("OBJECTIVES") : "OBJECTIVES  +" + std::to_string(hidden) + " more", heading);
    constexpr int kBarW = 60;
    const float markW = m_canvas.measureText("\u2714", TextStyle::of(6.5F, PaletteColor::White, FontFace::Bold)).x + 3;
    for (std::size_t i = 0; i < shown; ++i) {
        const world::ObjectiveProgress& p = hud.objectives[i];
        const PaletteColor c = color(p);
        const float y = column.y();
        m_canvas.text(mark(p), left, y, TextStyle::of(6.5F, c, FontFace::Bold));
        TextColumn body(m_canvas, left + markW, y, width - markW, false);
        TextStyle textStyle = text;
        textStyle.color = c;
        if (twoLines) {
            body.line(p.text, textStyle);
            const float figureW = std::min(m_canvas.measureText(p.progress, figure).x, body.width());
            TextColumn figureColumn(m_canvas, body.x(), body.y(), body.width(), false);
            figureColumn.line(p.progress, figure);
            // The bar, right of the figure, on its line, when there is room for it.
            const int bx = kSplitX - kBarW - 6;
            if (body.x() + figureW + 4 <= static_cast<float>(bx)) {
                const int by = static_cast<int>(body.y() + figureH / 2) - 1;
                m_canvas.fill({bx, by, kBarW, 3}, PaletteColor::Black);
                const int filled = static_cast<int>(static_cast<double>(kBarW) * std::clamp(p.fraction, 0.0, 1.0));
                m_canvas.fill({bx, by, filled, 3}, c == PaletteColor::White ? PaletteColor::Blue : c);
            }
            column.space(textH + figureH);
        } else {
            body.line(p.progress.empty() ? p.text : p.text + "  " + p.progress, textStyle);
            column.space(textH);
        }
    }
}

void ObjectivesPainter::drawMessages(const world::HudFigures& hud) {
    const auto bottom = static_cast<float>(kPanel.y + kPanel.h - 2);
    TextColumn column(m_canvas, static_cast<float>(kSplitX + 5), static_cast<float>(kPanel.y + 2),
                      static_cast<float>(kPanel.x + kPanel.w - kSplitX - 10), false);
    column.line("LOG", TextStyle::of(6, PaletteColor::Pink, FontFace::Bold));
    const auto& messages = m_effects.messages();
    if (messages.empty() && !hud.lastMessage.empty()) {
        column.line(hud.lastMessage, TextStyle::of(5.5F, PaletteColor::LightGrey));
        return;
    }
    // Newest first, each shortened with an ellipsis to the column, as many as fit.
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        const std::uint64_t age = m_effects.now() - it->startMs;
        TextStyle s =
            TextStyle::of(5.5F, messageColor(it->message.kind),
                          it->message.kind == world::MessageKind::Refusal ? FontFace::Bold : FontFace::Regular);
        const double fade = age > 4000 ? 1.0 - static_cast<double>(age - 4000) / 2000.0 : 1.0;
        s.alpha = static_cast<std::uint8_t>(255.0 * std::clamp(fade, 0.2, 1.0));
        if (!column.fits(s, bottom)) break;
        column.line(it->message.text, s);
    }
}

}  // namespace meshlings::render
