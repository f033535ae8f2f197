#pragma once
// Reads the `objectives` of a level file. Each objective has a `kind`
// (keep-served, delete-pods, shift-traffic, shift-away-from, keep-p99-below,
// survive) and only the fields that kind uses; a field another kind uses is
// an error, so a misplaced `percent` is not silently ignored. When `text` is
// left out, the HUD line is written from the fields.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "world/level/level.hpp"
#include "world/loader/yaml_field.hpp"

namespace meshlings::world {

class ObjectiveReader {
public:
    static constexpr std::array<std::string_view, 10> kKeys{
        "kind", "text", "percent", "count", "steps", "version", "target", "milliseconds", "over", "within-seconds"};
    static constexpr std::array<std::string_view, 6> kKinds{"keep-served",     "delete-pods",    "shift-traffic",
                                                            "shift-away-from", "keep-p99-below", "survive"};

    // The whole list; `timeLimitSeconds` is needed by `survive`.
    static std::vector<Objective> readList(const YamlField& field, int timeLimitSeconds);
    static Objective read(const YamlField& field, int timeLimitSeconds);

    // The HUD line for an objective without `text`.
    static std::string defaultText(const Objective& objective);

private:
    // The keys besides `kind` and `text` that `kind` uses.
    static std::vector<std::string_view> keysFor(ObjectiveKind kind);
    static void checkKeys(const YamlField& field, ObjectiveKind kind);
    static void readFields(const YamlField& field, Objective& objective, int timeLimitSeconds);
};

}  // namespace meshlings::world
