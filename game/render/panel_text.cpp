#include "render/panel_text.hpp"

namespace meshlings::render {

TextWidth PanelText::widthOf(const TextStyle& style) {
    return [this, style](const std::string& text) { return m_canvas.measureText(text, style).x; };
}

float PanelText::lineHeight(const TextStyle& style) {
    return m_canvas.measureText("Ag", style).y;
}

float PanelText::line(const std::string& text, float x, float y, float maxWidth, const TextStyle& style) {
    const std::string shown = ellipsize(text, maxWidth, widthOf(style));
    if (shown.empty()) return lineHeight(style);
    const SDL_FPoint size = m_canvas.text(shown, x, y, style);
    float left = x;
    if (style.align == TextAlign::Center) left = x - size.x / 2;
    if (style.align == TextAlign::Right) left = x - size.x;
    m_layout.texts.push_back({left, y, size.x, size.y});
    return size.y;
}

float PanelText::paragraph(const std::string& text, float x, float y, float maxWidth, std::size_t maxLines,
                           const TextStyle& style) {
    float used = 0;
    for (const std::string& each : wrapFitted(text, maxWidth, maxLines, widthOf(style))) {
        used += line(each, x, y + used, maxWidth, style);
    }
    return used;
}

}  // namespace meshlings::render
