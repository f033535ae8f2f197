#include "world/loader/spelling_hint.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace meshlings::world {

namespace {

// A typo is at most this many edits, and at most a third of the word.
constexpr int kMaxEdits = 3;

}  // namespace

std::string SpellingHint::normalized(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Optimal string alignment: insertions, deletions, substitutions and swaps of
// two neighbours (`titel` -> `title`) each cost one edit.
int SpellingHint::editDistance(std::string_view a, std::string_view b) {
    const std::size_t width = b.size() + 1;
    std::vector<int> d((a.size() + 1) * width);
    const auto at = [&d, width](std::size_t i, std::size_t j) -> int& { return d[i * width + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i) at(i, 0) = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) at(0, j) = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int substitution = at(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1);
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
            }
        }
    }
    return at(a.size(), b.size());
}

std::vector<std::string_view> SpellingHint::closest(std::string_view name,
                                                    std::span<const std::string_view> candidates) {
    const std::string wanted = normalized(name);
    std::vector<std::string_view> best;
    int bestDistance = kMaxEdits + 1;
    for (const std::string_view candidate : candidates) {
        const int distance = editDistance(wanted, normalized(candidate));
        const int allowed = std::min(kMaxEdits, std::max(1, static_cast<int>(candidate.size()) / 3));
        if (distance > allowed || distance > bestDistance) continue;
        if (distance < bestDistance) best.clear();
        best.push_back(candidate);
        bestDistance = distance;
    }
    return best;
}

std::string SpellingHint::suffix(std::string_view name, std::span<const std::string_view> candidates) {
    const std::vector<std::string_view> hints = closest(name, candidates);
    return hints.empty() ? std::string() : " (did you mean " + list(hints) + "?)";
}

std::string SpellingHint::list(std::span<const std::string_view> candidates) {
    std::string out;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i > 0) out += i + 1 == candidates.size() ? " or " : ", ";
        out += "`" + std::string(candidates[i]) + "`";
    }
    return out;
}

}  // namespace meshlings::world
