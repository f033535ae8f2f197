#pragma once
// Puts a name on a YAML syntax error. yaml-cpp says where it noticed the
// problem ("line 5: end of sequence flow not found"), often after the line
// that caused it and never in terms of level fields. This finds the first
// line at which the text stops being valid YAML and the field path that line
// was writing (`objectives[0].percent`), from the keys parsed before it and
// the indentation of the bad line.

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

namespace meshlings::world {

class YamlSyntaxContext {
public:
    struct Place {
        int line = 0;       // 1-based
        std::string field;  // empty when nothing was parsed yet and the line has no key
    };

    // `reportedLine` is yaml-cpp's 0-based line of the error.
    static Place locate(std::string_view text, int reportedLine);

private:
    struct Key {
        int line = 0;
        int column = 0;
        std::string parent;  // path of the mapping holding the key
        std::string name;
        bool scalarValue = false;
    };

    static std::vector<std::string> splitLines(std::string_view text);
    static bool parses(const std::vector<std::string>& lines, std::size_t count, YAML::Node& out);
    static void collectKeys(const YAML::Node& node, const std::string& path, std::vector<Key>& keys);
    static std::string fieldOnLine(const std::vector<Key>& keys, const std::string& line);
    static std::string join(const std::string& parent, const std::string& name);
    static std::string nextItem(const std::string& path);  // objectives[1] -> objectives[2]
};

}  // namespace meshlings::world
