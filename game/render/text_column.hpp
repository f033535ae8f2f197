#pragma once
// A column of text laid out from measured text, top to bottom, inside a
// panel of a fixed width: each line is measured at the size it is really
// drawn (Viewport::kMinTextPixels may make it larger than asked), shortened
// with an ellipsis or wrapped to the width, and the next line starts below
// it. Two short texts share a row when both fit, else each gets its own.
// A dry run measures only, so a painter can size its panel before drawing
// it: run the same layout twice, dry then for real. Holds a reference to
// the Canvas.
#include <cstddef>
#include <string>

#include "render/canvas.hpp"

namespace meshlings::render {

class TextColumn {
public:
    TextColumn(Canvas& canvas, float x, float y, float width, bool dryRun)
        : m_canvas(canvas), m_x(x), m_y(y), m_width(width), m_dry(dryRun) {}

    float x() const { return m_x; }
    float y() const { return m_y; }
    float width() const { return m_width; }
    bool dryRun() const { return m_dry; }
    // Whether a line of this style still fits above `bottom`.
    bool fits(const TextStyle& style, float bottom);
    float lineHeight(const TextStyle& style);

    // One line, ellipsized to the width; placed per style.align (left edge, centre or right edge).
    void line(const std::string& text, const TextStyle& style);
    // Wrapped to the width in at most maxLines lines (the last ends in "..." when text was left out).
    void paragraph(const std::string& text, const TextStyle& style, std::size_t maxLines);
    // `left` at the left edge and `right` beside it (a second column at half the width) when both fit
    // there, else each on its own line.
    void pair(const std::string& left, const TextStyle& leftStyle, const std::string& right,
              const TextStyle& rightStyle);
    // A label at the left and a value at the right edge of the same row when both fit, else stacked.
    void labelValue(const std::string& label, const TextStyle& labelStyle, const std::string& value,
                    const TextStyle& valueStyle);
    // A thin separator line with a little space around it.
    void rule(PaletteColor color);
    // Leaves `height` logical pixels (for a bar, a gap); returns the top of the space.
    float space(float height);

private:
    float width(const std::string& text, const TextStyle& style);
    void put(const std::string& text, float x, float y, const TextStyle& style);

    Canvas& m_canvas;
    float m_x;
    float m_y;
    float m_width;
    bool m_dry;
};

}  // namespace meshlings::render
