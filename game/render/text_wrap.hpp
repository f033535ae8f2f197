#pragma once
// Breaks text into lines no wider than a limit, at spaces; a word longer
// than the limit gets a line of its own (the caller clips it). The width
// of a piece of text comes from the caller (Canvas::measureText), so this
// is plain string work and testable without SDL.
#include <functional>
#include <string>
#include <vector>

namespace meshlings::render {

using TextWidth = std::function<float(const std::string&)>;

std::vector<std::string> wrapText(const std::string& text, float maxWidth, const TextWidth& width);

}  // namespace meshlings::render
