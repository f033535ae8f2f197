#include "render/menu_painter.hpp"

#include <algorithm>

namespace meshlings::render {

namespace {

constexpr float kMenuPad = 12;
constexpr float kMenuGap = 4;

TextStyle menuTitleStyle(PaletteColor accent) {
    return TextStyle::of(14, accent, FontFace::Bold, TextAlign::Center);
}

}  // namespace

void MenuPainter::draw(const MenuView& menu) {
    m_layout = {};
    const int w = m_canvas.viewport().logicalWidth();
    const int h = m_canvas.viewport().logicalHeight();
    if (menu.dim) m_canvas.fill({0, 0, w, h}, PaletteColor::Black, 150);

    // Measure first (a dry run of the text heights), then draw centred.
    PanelText measure(m_canvas, m_layout);
    const TextStyle titleStyle = menuTitleStyle(menu.accent);
    const TextStyle messageStyle = TextStyle::of(7, PaletteColor::LightGrey, FontFace::Regular, TextAlign::Center);
    const TextStyle itemStyle = TextStyle::of(9, PaletteColor::White, FontFace::Bold);
    const float inner = static_cast<float>(kWidth) - 2 * kMenuPad;
    float height = kMenuPad + measure.lineHeight(titleStyle) + kMenuGap * 2;
    for (const auto& paragraph : menu.message) {
        height += static_cast<float>(wrapFitted(paragraph, inner, 3, measure.widthOf(messageStyle)).size()) *
                  measure.lineHeight(messageStyle);
    }
    if (!menu.message.empty()) height += kMenuGap * 2;
    const float itemH = measure.lineHeight(itemStyle) + kMenuGap * 2;
    height += static_cast<float>(menu.items.size()) * (itemH + kMenuGap) + kMenuPad;
    height = std::min(height, static_cast<float>(h - 8));

    const SDL_Rect panel{(w - kWidth) / 2, std::max(4, static_cast<int>((static_cast<float>(h) - height) / 2)), kWidth,
                         static_cast<int>(height)};
    m_layout.panel = {static_cast<float>(panel.x), static_cast<float>(panel.y), static_cast<float>(panel.w),
                      static_cast<float>(panel.h)};
    m_canvas.fill(panel, PaletteColor::DarkBlue, 240);
    m_canvas.panel(panel, menu.accent);

    PanelText text(m_canvas, m_layout);
    const float cx = static_cast<float>(panel.x) + static_cast<float>(kWidth) / 2;
    float y = static_cast<float>(panel.y) + kMenuPad;
    y += text.line(menu.title, cx, y, inner, titleStyle) + kMenuGap * 2;
    for (const auto& paragraph : menu.message) y += text.paragraph(paragraph, cx, y, inner, 3, messageStyle);
    if (!menu.message.empty()) y += kMenuGap * 2;
    drawItems(menu, text, y);
}

float MenuPainter::drawItems(const MenuView& menu, PanelText& text, float top) {
    const TextStyle base = TextStyle::of(9, PaletteColor::White, FontFace::Bold);
    const float itemH = text.lineHeight(base) + kMenuGap * 2;
    const float left = m_layout.panel.x + kMenuPad;
    const float width = m_layout.panel.w - 2 * kMenuPad;
    float y = top;
    for (std::size_t i = 0; i < menu.items.size(); ++i) {
        const bool focused = static_cast<int>(i) == menu.focus;
        const bool disabled = i < menu.disabled.size() && menu.disabled[i];
        const SDL_Rect button{static_cast<int>(left), static_cast<int>(y), static_cast<int>(width),
                              static_cast<int>(itemH)};
        m_canvas.fill(button, focused ? menu.accent : PaletteColor::Black, focused ? 200 : 120);
        if (focused) m_canvas.outline(button, PaletteColor::White);
        m_layout.buttons.push_back({left, y, width, itemH});
        TextStyle style = base;
        style.color = disabled ? PaletteColor::DarkGrey : (focused ? PaletteColor::White : PaletteColor::LightGrey);
        const std::string label = (focused ? "> " : "  ") + menu.items[i];
        const bool hasNote = i < menu.notes.size() && !menu.notes[i].empty();
        const TextStyle note = TextStyle::of(7, style.color, FontFace::Regular, TextAlign::Right);
        // The note takes what it needs (at most half the row); the label the rest.
        const float noteWidth =
            hasNote ? std::min(m_canvas.measureText(menu.notes[i], note).x, width * 0.5F - 12) : 0.0F;
        const float labelWidth = hasNote ? width - 8 - noteWidth - 12 : width - 8;
        text.line(label, left + 4, y + kMenuGap, labelWidth, style);
        if (hasNote) text.line(menu.notes[i], left + width - 4, y + kMenuGap + 1, width * 0.5F - 12, note);
        y += itemH + kMenuGap;
    }
    return y;
}

int MenuPainter::itemAt(float x, float y) const {
    for (std::size_t i = 0; i < m_layout.buttons.size(); ++i) {
        const SDL_FRect& b = m_layout.buttons[i];
        if (x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace meshlings::render
