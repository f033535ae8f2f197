#pragma once
// Turns a level file (`levels/<id>.yaml`, format in levels/FORMAT.md) into a
// Level, or throws a LevelError naming the file, the line and the field. The
// format is strict on purpose: unknown keys (typos) are errors with a "did
// you mean", names are checked against Bookinfo, numbers against their
// ranges; every optional field has the default FORMAT.md documents.
// Stateless; the world's rules read the Level, never the file.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "world/level/level.hpp"
#include "world/loader/yaml_field.hpp"

namespace meshlings::world {

class LevelLoader {
public:
    // The format version this build reads; files with a higher `version` are refused.
    static constexpr int kFormatVersion = 2;

    // Reads a level file; the level's id is the file name without extension.
    static Level load(const std::filesystem::path& path);
    // Parses `text` as if read from a file called `name` (tests, tools).
    static Level loadFromString(std::string_view text, const std::string& name);
    // Every `*.yaml` level in a folder: the campaign in order, then the others by id.
    static std::vector<Level> loadDirectory(const std::filesystem::path& folder);

    // Every key a level file may use, at any depth, and the annotation keys
    // (for the test that keeps FORMAT.md complete).
    static std::vector<std::string_view> acceptedKeys();

private:
    static Level parse(const YamlField& root, const std::string& name);
    static void readHeader(const YamlField& root, Level& level);
    static TrafficPlan readTraffic(const YamlField& field);
    static ActionBudget readBudget(const YamlField& field, int formatVersion);
    static SafetyRules readSafety(const YamlField& field);
    static void readObjectives(const YamlField& root, Level& level);
};

}  // namespace meshlings::world
