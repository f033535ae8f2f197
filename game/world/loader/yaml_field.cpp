#include "world/loader/yaml_field.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>
#include <utility>

#include "world/loader/level_error.hpp"
#include "world/loader/spelling_hint.hpp"
#include "world/model/decimal_text.hpp"

namespace meshlings::world {

namespace {

// yaml-cpp tags plain (unquoted) scalars "?" and quoted ones "!".
constexpr std::string_view kPlainTag = "?";

bool parseNumber(const std::string& text, double& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && std::isfinite(out);
}

std::string rangeText(double min, double max) {
    if (max >= static_cast<double>(std::numeric_limits<int>::max())) return "of at least " + shortestText(min);
    return "between " + shortestText(min) + " and " + shortestText(max);
}

}  // namespace

YamlField::YamlField(const YAML::Node& node, std::string file, std::string path, int fallbackLine, int keyLine)
    : m_node(node),
      m_file(std::move(file)),
      m_path(std::move(path)),
      m_fallbackLine(fallbackLine),
      m_keyLine(keyLine) {}

YamlField YamlField::root(const YAML::Node& document, const std::string& file) {
    return {document, file, "", 1};
}

bool YamlField::present() const {
    return m_node.IsDefined() && !m_node.IsNull();
}

int YamlField::lineOf(const YAML::Node& node, int fallback) {
    // A key without a value (`key:`) is marked at the next token: use the key's line.
    if (!node.IsDefined() || node.IsNull()) return fallback;
    const YAML::Mark mark = node.Mark();
    return mark.line >= 0 ? mark.line + 1 : fallback;
}

int YamlField::line() const {
    return m_keyLine > 0 ? m_keyLine : lineOf(m_node, m_fallbackLine);
}

YamlField YamlField::child(std::string_view key) const {
    const std::string name(key);
    const std::string path = m_path.empty() ? name : m_path + "." + name;
    if (!isMap()) return {YAML::Node(YAML::NodeType::Undefined), m_file, path, line()};
    const YAML::Node& self = m_node;  // const lookup: never inserts
    for (auto it = self.begin(); it != self.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == name) {
            const int keyLine = lineOf(it->first, line());
            return {it->second, m_file, path, keyLine, keyLine};
        }
    }
    return {YAML::Node(YAML::NodeType::Undefined), m_file, path, line()};
}

YamlField YamlField::item(std::size_t index) const {
    const std::string path = m_path + "[" + std::to_string(index) + "]";
    const YAML::Node& self = m_node;
    return {self[index], m_file, path, line()};
}

std::size_t YamlField::size() const {
    return present() ? m_node.size() : 0;
}

void YamlField::expectMap() const {
    if (!present()) failMissing();
    if (!m_node.IsMap()) fail("expected a mapping of `key: value` lines, got " + describe());
}

void YamlField::expectList() const {
    if (!present()) failMissing();
    if (!m_node.IsSequence()) fail("expected a list (lines starting with `- `), got " + describe());
}

std::vector<std::pair<std::string, YamlField>> YamlField::entries() const {
    std::vector<std::pair<std::string, YamlField>> out;
    if (!isMap()) return out;
    const YAML::Node& self = m_node;
    for (auto it = self.begin(); it != self.end(); ++it) {
        const int keyLine = lineOf(it->first, line());
        if (!it->first.IsScalar()) {
            YamlField(it->first, m_file, m_path, keyLine).fail("a key must be a plain name");
        }
        const std::string key = it->first.Scalar();
        const std::string path = m_path.empty() ? key : m_path + "." + key;
        out.emplace_back(key, YamlField(it->second, m_file, path, keyLine, keyLine));
    }
    return out;
}

void YamlField::expectKeys(std::span<const std::string_view> allowed) const {
    expectMap();
    std::set<std::string> seen;
    for (const auto& [key, field] : entries()) {
        bool known = false;
        for (const std::string_view name : allowed) known = known || name == key;
        if (!known) {
            field.fail("unknown key" + SpellingHint::suffix(key, allowed) +
                       "; allowed here: " + SpellingHint::list(allowed));
        }
        if (!seen.insert(key).second) field.fail("given twice; keep one");
    }
}

std::string YamlField::describe() const {
    if (!m_node.IsDefined() || m_node.IsNull()) return "nothing";
    if (m_node.IsSequence()) return "a list";
    if (m_node.IsMap()) return "a mapping";
    double ignored = 0;
    const std::string& scalar = m_node.Scalar();
    if (m_node.Tag() == kPlainTag && parseNumber(scalar, ignored)) return scalar;
    return "\"" + scalar + "\"";
}

std::string YamlField::text() const {
    if (!present()) failMissing();
    if (!m_node.IsScalar()) fail("expected text, got " + describe());
    return m_node.Scalar();
}

std::string YamlField::oneOf(std::span<const std::string_view> allowed) const {
    std::string value = text();
    for (const std::string_view name : allowed) {
        if (name == value) return value;
    }
    fail("expected " + SpellingHint::list(allowed) + ", got " + describe() + SpellingHint::suffix(value, allowed));
}

std::string YamlField::plainScalar(const std::string& expected) const {
    if (!present()) failMissing();
    if (!m_node.IsScalar() || m_node.Tag() != kPlainTag) {
        fail("expected " + expected + ", got " + describe() + (m_node.IsScalar() ? " (written without quotes)" : ""));
    }
    return m_node.Scalar();
}

double YamlField::number(double min, double max) const {
    const std::string expected = "a number " + rangeText(min, max);
    double value = 0;
    if (!parseNumber(plainScalar(expected), value) || value < min || value > max) {
        fail("expected " + expected + ", got " + describe());
    }
    return value;
}

int YamlField::integer(int min, int max) const {
    const std::string expected = "a whole number " + rangeText(min, max);
    const std::string scalar = plainScalar(expected);
    long long value = 0;
    const auto [end, error] = std::from_chars(scalar.data(), scalar.data() + scalar.size(), value);
    if (error != std::errc() || end != scalar.data() + scalar.size() || value < min || value > max) {
        fail("expected " + expected + ", got " + describe());
    }
    return static_cast<int>(value);
}

bool YamlField::boolean() const {
    const std::string scalar = plainScalar("true or false");
    if (scalar == "true") return true;
    if (scalar == "false") return false;
    fail("expected true or false, got " + describe());
}

void YamlField::fail(const std::string& problem) const {
    throw LevelError(m_file, line(), m_path, problem);
}

void YamlField::failMissing() const {
    fail(m_node.IsDefined() ? "has no value; this field is required" : "missing; this field is required");
}

}  // namespace meshlings::world
