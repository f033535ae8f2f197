#pragma once
// One field of a level file as the loader reads it: a yaml-cpp node together
// with where it is (file, line) and what it is called (`objectives[1].percent`),
// so every check can fail with a LevelError that names all three. A field
// that is not in the file (or has no value) is "absent" and reports the line
// of its parent. Numbers and booleans must be written plain (`90`, `true`);
// quoted text where a number is expected is a type error.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace meshlings::world {

// The `max` of integer() for a field with no upper bound.
inline constexpr int kNoMax = std::numeric_limits<int>::max();
// The longest time a level file may name: a day.
inline constexpr int kDaySeconds = 24 * 60 * 60;

class YamlField {
public:
    // `keyLine`: the line of the key naming this field (0 for list items and the
    // root), reported instead of the value's own line, which for a block
    // mapping or list is the line after the key.
    YamlField(const YAML::Node& node, std::string file, std::string path, int fallbackLine, int keyLine = 0);

    // The document's root; `file` is the name used in messages.
    static YamlField root(const YAML::Node& document, const std::string& file);

    bool present() const;  // in the file with a value (not `key:` or `~`)
    bool isMap() const { return present() && m_node.IsMap(); }
    const std::string& path() const { return m_path; }
    int line() const;

    // The child `key` of a mapping (absent if not there), the i-th item of a list.
    YamlField child(std::string_view key) const;
    YamlField item(std::size_t index) const;
    std::size_t size() const;

    // Requires a mapping whose keys are all in `allowed`, each once.
    void expectKeys(std::span<const std::string_view> allowed) const;
    void expectMap() const;
    void expectList() const;
    // The mapping's keys as fields, in file order (after expectMap()).
    std::vector<std::pair<std::string, YamlField>> entries() const;

    std::string text() const;  // any scalar
    std::string oneOf(std::span<const std::string_view> allowed) const;
    double number(double min, double max) const;
    int integer(int min, int max) const;
    bool boolean() const;

    // The value if present, `fallback` otherwise.
    std::string textOr(const std::string& fallback) const { return present() ? text() : fallback; }
    double numberOr(double fallback, double min, double max) const { return present() ? number(min, max) : fallback; }
    int integerOr(int fallback, int min, int max) const { return present() ? integer(min, max) : fallback; }
    bool booleanOr(bool fallback) const { return present() ? boolean() : fallback; }

    // `"lots"`, `a list`, `nothing`, ... for messages ending in "got ...".
    std::string describe() const;

    // Throws the LevelError for this field.
    [[noreturn]] void fail(const std::string& problem) const;
    [[noreturn]] void failMissing() const;

private:
    std::string plainScalar(const std::string& expected) const;
    static int lineOf(const YAML::Node& node, int fallback);

    YAML::Node m_node;
    std::string m_file;
    std::string m_path;
    int m_fallbackLine = 1;
    int m_keyLine = 0;
};

}  // namespace meshlings::world
