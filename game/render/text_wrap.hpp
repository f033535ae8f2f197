#pragma once
// Breaks text into lines no wider than a limit, at spaces; a word longer
// than the limit gets a line of its own (the caller clips it, or passes the
// line through ellipsize()). The width of a piece of text comes from the
// caller (Canvas::measureText), so this is plain string work and testable
// without SDL.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace meshlings::render {

using TextWidth = std::function<float(const std::string&)>;

std::vector<std::string> wrapText(const std::string& text, float maxWidth, const TextWidth& width);

// `text` if it fits in maxWidth, else its longest UTF-8-safe prefix (cut
// back to a word end when one is near) followed by "...", which fits.
std::string ellipsize(const std::string& text, float maxWidth, const TextWidth& width);

// wrapText() kept to at most `maxLines` lines, every line fitting: the last
// kept line ends in "..." when text was left out, and a word too long for
// the width is ellipsized rather than clipped.
std::vector<std::string> wrapFitted(const std::string& text, float maxWidth, std::size_t maxLines,
                                    const TextWidth& width);

}  // namespace meshlings::render
