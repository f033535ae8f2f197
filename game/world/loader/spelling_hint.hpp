#pragma once
// "Did you mean ...?" for level files: finds the known name closest to a
// misspelt one (a key, a deployment, an objective kind), so a typo in a
// level is reported with its likely fix instead of a bare "unknown".

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace meshlings::world {

class SpellingHint {
public:
    // The candidates closest to `name`, if any is close enough to be a typo
    // (the same ignoring case and `_`/`-`, or within a few edits); several
    // when they are equally close (`v4`: `v1`, `v2`, `v3`).
    static std::vector<std::string_view> closest(std::string_view name, std::span<const std::string_view> candidates);

    // " (did you mean `x`?)" or "" when nothing is close.
    static std::string suffix(std::string_view name, std::span<const std::string_view> candidates);

    // "`a`, `b` or `c`", for messages listing what is allowed.
    static std::string list(std::span<const std::string_view> candidates);

private:
    static std::string normalized(std::string_view name);
    static int editDistance(std::string_view a, std::string_view b);
};

}  // namespace meshlings::world
