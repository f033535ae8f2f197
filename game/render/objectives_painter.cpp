#include "render/objectives_painter.hpp"

#include <algorithm>

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
    drawObjectives(hud);
    drawMessages(hud);
}

void ObjectivesPainter::drawObjectives(const world::HudFigures& hud) {
    const auto x = static_cast<float>(kPanel.x + 5);
    auto y = static_cast<float>(kPanel.y + 3);
    m_canvas.text("OBJECTIVES", x, y, TextStyle::of(6, PaletteColor::Pink, FontFace::Bold));
    y += 9;
    if (hud.objectives.empty()) {
        m_canvas.text("Free play: break things and watch the meshlings.", x, y,
                      TextStyle::of(6, PaletteColor::LightGrey));
        return;
    }
    const int barW = 60;
    for (const world::ObjectiveProgress& p : hud.objectives) {
        if (y > static_cast<float>(kPanel.y + kPanel.h - 10)) break;
        const PaletteColor c = color(p);
        m_canvas.text(mark(p), x, y, TextStyle::of(6.5F, c, FontFace::Bold));
        m_canvas.text(p.text, x + 9, y, TextStyle::of(6.5F, c == PaletteColor::White ? PaletteColor::White : c));
        // The figure under the text, its progress bar on the same line at the right
        // (on the text's own line a long objective ran into it).
        const int bx = kSplitX - barW - 6;
        const int by = static_cast<int>(y) + 10;
        m_canvas.fill({bx, by, barW, 3}, PaletteColor::Black);
        const int filled = static_cast<int>(static_cast<double>(barW) * std::clamp(p.fraction, 0.0, 1.0));
        m_canvas.fill({bx, by, filled, 3}, c == PaletteColor::White ? PaletteColor::Blue : c);
        m_canvas.text(p.progress, x + 9, y + 7.5F, TextStyle::of(5.5F, PaletteColor::LightGrey));
        y += 14;
    }
}

void ObjectivesPainter::drawMessages(const world::HudFigures& hud) {
    const auto x = static_cast<float>(kSplitX + 5);
    auto y = static_cast<float>(kPanel.y + 3);
    m_canvas.text("LOG", x, y, TextStyle::of(6, PaletteColor::Pink, FontFace::Bold));
    y += 9;
    const auto& messages = m_effects.messages();
    if (messages.empty() && !hud.lastMessage.empty()) {
        m_canvas.text(hud.lastMessage, x, y, TextStyle::of(5.5F, PaletteColor::LightGrey));
        return;
    }
    // Newest first.
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        const std::uint64_t age = m_effects.now() - it->startMs;
        TextStyle s =
            TextStyle::of(5.5F, messageColor(it->message.kind),
                          it->message.kind == world::MessageKind::Refusal ? FontFace::Bold : FontFace::Regular);
        const double fade = age > 4000 ? 1.0 - static_cast<double>(age - 4000) / 2000.0 : 1.0;
        s.alpha = static_cast<std::uint8_t>(255.0 * std::clamp(fade, 0.2, 1.0));
        std::string text = it->message.text;
        if (text.size() > 44) text = text.substr(0, 43) + "\u2026";
        m_canvas.text(text, x, y, s);
        y += 9;
    }
}

}  // namespace meshlings::render
