#include "render/text_column.hpp"

#include <algorithm>

#include "render/text_wrap.hpp"

namespace meshlings::render {

namespace {

constexpr float kPairGap = 6.0F;

}  // namespace

float TextColumn::lineHeight(const TextStyle& style) {
    return m_canvas.measureText("Ag", style).y;
}

bool TextColumn::fits(const TextStyle& style, float bottom) {
    return m_y + lineHeight(style) <= bottom;
}

float TextColumn::width(const std::string& text, const TextStyle& style) {
    return m_canvas.measureText(text, style).x;
}

void TextColumn::put(const std::string& text, float x, float y, const TextStyle& style) {
    if (m_dry || text.empty()) return;
    m_canvas.text(text, x, y, style);
}

void TextColumn::line(const std::string& text, const TextStyle& style) {
    const std::string shown = ellipsize(text, m_width, [&](const std::string& s) { return width(s, style); });
    float at = m_x;
    if (style.align == TextAlign::Center) at = m_x + m_width / 2;
    if (style.align == TextAlign::Right) at = m_x + m_width;
    put(shown, at, m_y, style);
    m_y += lineHeight(style);
}

void TextColumn::paragraph(const std::string& text, const TextStyle& style, std::size_t maxLines) {
    for (const std::string& each :
         wrapFitted(text, m_width, maxLines, [&](const std::string& s) { return width(s, style); })) {
        line(each, style);
    }
}

void TextColumn::pair(const std::string& left, const TextStyle& leftStyle, const std::string& right,
                      const TextStyle& rightStyle) {
    const float half = (m_width - kPairGap) / 2;
    if (width(left, leftStyle) > half || width(right, rightStyle) > half) {
        line(left, leftStyle);
        line(right, rightStyle);
        return;
    }
    put(left, m_x, m_y, leftStyle);
    put(right, m_x + half + kPairGap, m_y, rightStyle);
    m_y += std::max(lineHeight(leftStyle), lineHeight(rightStyle));
}

void TextColumn::labelValue(const std::string& label, const TextStyle& labelStyle, const std::string& value,
                            const TextStyle& valueStyle) {
    TextStyle right = valueStyle;
    right.align = TextAlign::Right;
    if (width(label, labelStyle) + kPairGap + width(value, valueStyle) > m_width) {
        line(label, labelStyle);
        line(value, right);
        return;
    }
    const float labelH = lineHeight(labelStyle);
    const float valueH = lineHeight(valueStyle);
    const float rowH = std::max(labelH, valueH);
    put(label, m_x, m_y + (rowH - labelH) / 2, labelStyle);
    put(value, m_x + m_width, m_y + (rowH - valueH) / 2, right);
    m_y += rowH;
}

void TextColumn::rule(PaletteColor color) {
    m_y += 1;
    if (!m_dry) {
        m_canvas.fill({static_cast<int>(m_x) - 1, static_cast<int>(m_y), static_cast<int>(m_width) + 2, 1}, color);
    }
    m_y += 3;
}

float TextColumn::space(float height) {
    const float top = m_y;
    m_y += height;
    return top;
}

}  // namespace meshlings::render
