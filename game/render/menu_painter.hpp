#pragma once
// Draws a MenuView (the pause menu, its "quit?" question, the title screen)
// as a panel in the middle of the playfield: the title, the wrapped
// message, one button per choice (the focused one lit and marked ">" so it
// reads without colour, disabled ones grey), each with its note on the
// right. Every text is measured and kept inside the panel. Remembers the
// buttons it drew so the mouse can be mapped to a choice (itemAt). Owned by
// WorldScreen and by the title screen.
#include "render/canvas.hpp"
#include "render/menu_view.hpp"
#include "render/panel_text.hpp"

namespace meshlings::render {

class MenuPainter {
public:
    static constexpr int kWidth = 320;

    explicit MenuPainter(Canvas& canvas) : m_canvas(canvas) {}

    void draw(const MenuView& menu);
    // The choice under logical point (x, y) on the last drawn menu, or -1.
    int itemAt(float x, float y) const;
    const PanelLayout& layout() const { return m_layout; }

private:
    float drawItems(const MenuView& menu, PanelText& text, float top);

    Canvas& m_canvas;
    PanelLayout m_layout;
};

}  // namespace meshlings::render
