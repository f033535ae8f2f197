#include "world/loader/yaml_syntax_context.hpp"

#include <algorithm>
#include <cctype>

namespace meshlings::world {

std::vector<std::string> YamlSyntaxContext::splitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

bool YamlSyntaxContext::parses(const std::vector<std::string>& lines, std::size_t count, YAML::Node& out) {
    std::string prefix;
    for (std::size_t i = 0; i < count && i < lines.size(); ++i) prefix += lines[i] + "\n";
    try {
        out = YAML::Load(prefix);
        return true;
    } catch (const YAML::Exception&) {
        return false;
    }
}

std::string YamlSyntaxContext::join(const std::string& parent, const std::string& name) {
    return parent.empty() ? name : parent + "." + name;
}

std::string YamlSyntaxContext::nextItem(const std::string& path) {
    const std::size_t open = path.rfind('[');
    if (open == std::string::npos || path.back() != ']') return path;
    const int index = std::stoi(path.substr(open + 1, path.size() - open - 2));
    return path.substr(0, open) + "[" + std::to_string(index + 1) + "]";
}

void YamlSyntaxContext::collectKeys(const YAML::Node& node, const std::string& path, std::vector<Key>& keys) {
    if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) {
            collectKeys(node[i], path + "[" + std::to_string(i) + "]", keys);
        }
        return;
    }
    if (!node.IsMap()) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) continue;
        const std::string name = it->first.Scalar();
        keys.push_back({it->first.Mark().line, it->first.Mark().column, path, name, it->second.IsScalar()});
        collectKeys(it->second, join(path, name), keys);
    }
}

std::string YamlSyntaxContext::fieldOnLine(const std::vector<Key>& keys, const std::string& line) {
    std::size_t column = line.find_first_not_of(" \t");
    if (column == std::string::npos) column = line.size();
    bool newItem = false;
    while (line.compare(column, 2, "- ") == 0) {
        newItem = true;
        column = line.find_first_not_of(' ', column + 1);
        if (column == std::string::npos) column = line.size();
    }
    std::size_t end = column;
    while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) != 0 ||
                                 std::string_view("-_./").find(line[end]) != std::string_view::npos)) {
        ++end;
    }
    const bool hasKey = end > column && end < line.size() && line[end] == ':';
    if (!hasKey) return keys.empty() ? std::string() : join(keys.back().parent, keys.back().name);
    std::string name = line.substr(column, end - column);
    for (auto it = keys.rbegin(); it != keys.rend(); ++it) {
        if (it->column == static_cast<int>(column)) return join(newItem ? nextItem(it->parent) : it->parent, name);
    }
    if (keys.empty()) return name;
    const Key& last = keys.back();
    if (static_cast<int>(column) < last.column || last.scalarValue) return join(last.parent, name);
    const std::string holder = join(last.parent, last.name);
    return join(newItem ? holder + "[0]" : holder, name);
}

YamlSyntaxContext::Place YamlSyntaxContext::locate(std::string_view text, int reportedLine) {
    const std::vector<std::string> lines = splitLines(text);
    const std::size_t reported =
        static_cast<std::size_t>(std::clamp(reportedLine, 0, static_cast<int>(lines.size()) - 1));
    // The longest prefix that still parses ends just before the first bad line.
    YAML::Node good;
    std::size_t valid = reported;
    while (valid > 0 && !parses(lines, valid, good)) --valid;
    std::vector<Key> keys;
    collectKeys(good, "", keys);
    std::sort(keys.begin(), keys.end(),
              [](const Key& a, const Key& b) { return a.line != b.line ? a.line < b.line : a.column < b.column; });
    return {static_cast<int>(valid) + 1, fieldOnLine(keys, lines[valid])};
}

}  // namespace meshlings::world
