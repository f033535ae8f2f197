#include "spelling_hint.hpp"

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

int SpellingHint::editDistance(std::string_view a, std::string_view b) {
    std::vector<int> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const int substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string_view> SpellingHint::closest(std::string_view name,
                                                      std::span<const std::string_view> candidates) {
    const std::string wanted = normalized(name);
    std::optional<std::string_view> best;
    int bestDistance = kMaxEdits + 1;
    for (const std::string_view candidate : candidates) {
        const int distance = editDistance(wanted, normalized(candidate));
        const int allowed = std::min(kMaxEdits, std::max(1, static_cast<int>(candidate.size()) / 3));
        if (distance <= allowed && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

std::string SpellingHint::suffix(std::string_view name, std::span<const std::string_view> candidates) {
    const auto hint = closest(name, candidates);
    return hint ? " (did you mean `" + std::string(*hint) + "`?)" : std::string();
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
