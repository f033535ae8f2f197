#include "render/callout_painter.hpp"

#include <algorithm>

#include "render/text_column.hpp"
#include "render/text_wrap.hpp"

namespace meshlings::render {

namespace {

constexpr float kCalloutPad = 4.0F;
constexpr std::uint64_t kFlashMs = 150;  // the edge blinks at first (the banner never covers the top bar)

}  // namespace

void CalloutPainter::draw() {
    const EffectsPlayer::LoggedMessage* callout = m_effects.callout();
    if (callout == nullptr) return;
    const std::uint64_t age = m_effects.now() - callout->startMs;
    TextStyle style = TextStyle::of(9, PaletteColor::Black, FontFace::Bold);
    style.shadow = false;
    TextStyle mark = TextStyle::of(12, PaletteColor::Yellow, FontFace::Bold, TextAlign::Center);
    const float markW = m_canvas.measureText("!", mark).x + 2 * kCalloutPad;
    const auto areaW = static_cast<float>(kArea.w);
    const TextWidth width = [&](const std::string& s) { return m_canvas.measureText(s, style).x; };
    const std::vector<std::string> lines = wrapFitted(callout->message.text, areaW - markW - 3 * kCalloutPad, 2, width);
    float textW = 0;
    for (const std::string& line : lines) textW = std::max(textW, width(line));
    TextColumn dry(m_canvas, 0, 0, textW + 1, true);
    dry.paragraph(callout->message.text, style, 2);
    const float h = std::max(dry.y(), m_canvas.measureText("!", mark).y) + 2 * kCalloutPad;
    const float w = markW + textW + 3 * kCalloutPad;
    const float x = static_cast<float>(kArea.x) + (areaW - w) / 2;
    const auto y = static_cast<float>(kArea.y);
    const SDL_Rect box{static_cast<int>(x), static_cast<int>(y), static_cast<int>(w + 1), static_cast<int>(h + 1)};
    m_canvas.fill(box, PaletteColor::Yellow, 240);
    const bool flash = age < 1000 && (age / kFlashMs) % 2U == 0U;
    m_canvas.outline(box, flash ? PaletteColor::Red : PaletteColor::Orange);
    // The mark: a black square with a yellow "!" (shape as well as colour).
    const SDL_Rect square{box.x + 2, box.y + 2, static_cast<int>(markW), box.h - 4};
    m_canvas.fill(square, PaletteColor::Black);
    m_canvas.beginPanel("callout", box);
    const float markH = m_canvas.measureText("!", mark).y;
    m_canvas.text("!", static_cast<float>(square.x) + static_cast<float>(square.w) / 2,
                  static_cast<float>(square.y) + (static_cast<float>(square.h) - markH) / 2, mark);
    TextColumn column(m_canvas, static_cast<float>(square.x + square.w) + kCalloutPad, y + kCalloutPad, textW + 1,
                      false);
    column.paragraph(callout->message.text, style, 2);
    m_canvas.endPanel();
}

}  // namespace meshlings::render
