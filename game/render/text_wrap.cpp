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

}  // namespace meshlings::render
