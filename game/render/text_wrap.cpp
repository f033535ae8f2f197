#include "render/text_wrap.hpp"

#include <sstream>

namespace meshlings::render {

std::vector<std::string> wrapText(const std::string& text, float maxWidth, const TextWidth& width) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word;
    std::string line;
    while (words >> word) {
        const std::string longer = line.empty() ? word : line + " " + word;
        if (line.empty() || width(longer) <= maxWidth) {
            line = longer;
            continue;
        }
        lines.push_back(line);
        line = word;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

namespace {

// The byte length of the longest prefix that ends on a UTF-8 character boundary, at most `bytes`.
std::size_t utf8Boundary(const std::string& text, std::size_t bytes) {
    while (bytes > 0 && bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0U) == 0x80U) --bytes;
    return bytes;
}

}  // namespace

std::string ellipsize(const std::string& text, float maxWidth, const TextWidth& width) {
    if (width(text) <= maxWidth) return text;
    static const std::string kDots = "...";
    std::size_t low = 0;
    std::size_t high = text.size();
    while (low < high) {  // the longest prefix whose "prefix..." fits
        const std::size_t mid = utf8Boundary(text, (low + high + 1) / 2);
        if (mid <= low) break;
        if (width(text.substr(0, mid) + kDots) <= maxWidth) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    low = utf8Boundary(text, low);
    std::string cut = text.substr(0, low);
    // Prefer ending at a word when that loses little.
    if (const auto space = cut.find_last_of(' '); space != std::string::npos && space > 0 && space + 8 >= cut.size()) {
        cut.erase(space);
    }
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == ':')) cut.pop_back();
    return cut + kDots;
}

std::vector<std::string> wrapFitted(const std::string& text, float maxWidth, std::size_t maxLines,
                                    const TextWidth& width) {
    std::vector<std::string> lines = wrapText(text, maxWidth, width);
    const bool cut = maxLines > 0 && lines.size() > maxLines;
    if (cut) lines.resize(maxLines);
    for (auto& line : lines) line = ellipsize(line, maxWidth, width);
    if (cut && !lines.empty()) {
        std::string& last = lines.back();
        if (last.size() < 3 || last.compare(last.size() - 3, 3, "...") != 0)
            last = ellipsize(last + " ...", maxWidth, width);
    }
    return lines;
}

}  // namespace meshlings::render
