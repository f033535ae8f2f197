#pragma once
// Text placed inside a panel so that it stays inside: each line is measured
// with the TextRenderer (through the Canvas) at the size it will really be
// drawn (which may be larger than asked: Viewport::kMinTextPixels), shortened
// with an ellipsis or wrapped to the width it is given, and its box is kept
// in a PanelLayout that the layout tests read. Used by the menu and result
// painters; holds references to the Canvas and to the layout it fills.
#include <SDL.h>

#include <cstddef>
#include <string>
#include <vector>

#include "render/canvas.hpp"
#include "render/text_wrap.hpp"

namespace meshlings::render {

// What a painter drew last frame, in logical pixels: its panel and every text box in it.
struct PanelLayout {
    SDL_FRect panel{};
    std::vector<SDL_FRect> texts;
    std::vector<SDL_FRect> buttons;  // the choices, for hit tests (the mouse) and for the tests
};

class PanelText {
public:
    PanelText(Canvas& canvas, PanelLayout& layout) : m_canvas(canvas), m_layout(layout) {}

    // One line, ellipsized to maxWidth, its top at y; x is its left edge, centre or right edge per
    // style.align. Returns the height it took.
    float line(const std::string& text, float x, float y, float maxWidth, const TextStyle& style);
    // Wrapped to maxWidth in at most maxLines lines (the last ends in "..." when text was left out).
    // Returns the height it took.
    float paragraph(const std::string& text, float x, float y, float maxWidth, std::size_t maxLines,
                    const TextStyle& style);
    // The height one line of this style takes, measured.
    float lineHeight(const TextStyle& style);
    TextWidth widthOf(const TextStyle& style);

private:
    Canvas& m_canvas;
    PanelLayout& m_layout;
};

}  // namespace meshlings::render
