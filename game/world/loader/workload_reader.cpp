#include "world/loader/workload_reader.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <set>

#include "world/loader/spelling_hint.hpp"

namespace meshlings::world {

namespace {

// What each annotation means and the values the built-in cluster accepts.
struct AnnotationRange {
    std::string_view key;
    double min;
    double max;
    std::string_view meaning;
};

constexpr std::array<AnnotationRange, 3> kRanges{{
    {"meshlings.dev/error-rate", 0, 1, "the share of answers that are HTTP 500"},
    {"meshlings.dev/latency-ms", 0, 60000, "milliseconds added to every answer"},
    {"meshlings.dev/startup-seconds", 0, 3600, "seconds from container start to Ready"},
}};

constexpr int kPercent = 100;

std::string numberText(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

std::string WorkloadReader::readDeployment(const YamlField& field) {
    std::string name = field.text();
    for (const std::string_view known : kDeployments) {
        if (known == name) return name;
    }
    field.fail("unknown deployment \"" + name + "\"" + SpellingHint::suffix(name, kDeployments) + "; Bookinfo has " +
               SpellingHint::list(kDeployments));
}

void WorkloadReader::checkAnnotationValue(const std::string& key, const YamlField& value) {
    for (const AnnotationRange& range : kRanges) {
        if (range.key != key) continue;
        const std::string text = value.text();
        char* end = nullptr;
        const double number = std::strtod(text.c_str(), &end);
        const bool parsed = !text.empty() && end == text.c_str() + text.size() && std::isfinite(number);
        if (!parsed || number < range.min || number > range.max) {
            value.fail("expected a number between " + numberText(range.min) + " and " + numberText(range.max) + " (" +
                       std::string(range.meaning) + "), got " + value.describe());
        }
    }
}

std::map<std::string, std::string> WorkloadReader::readAnnotations(const YamlField& field) {
    field.expectMap();
    std::map<std::string, std::string> annotations;
    for (const auto& [key, value] : field.entries()) {
        bool known = false;
        for (const std::string_view name : kAnnotations) known = known || name == key;
        if (!known) {
            value.fail("unknown annotation" + SpellingHint::suffix(key, kAnnotations) +
                       "; the built-in cluster understands " + SpellingHint::list(kAnnotations));
        }
        if (annotations.contains(key)) value.fail("given twice; keep one");
        checkAnnotationValue(key, value);
        annotations[key] = value.text();
    }
    return annotations;
}

WorkloadSetup WorkloadReader::readSetup(const YamlField& field) {
    field.expectKeys(kSetupKeys);
    WorkloadSetup setup;
    setup.deployment = readDeployment(field.child("deployment"));
    if (field.child("replicas").present()) setup.replicas = field.child("replicas").integer(0, kMaxReplicas);
    if (field.child("annotations").present()) setup.annotations = readAnnotations(field.child("annotations"));
    return setup;
}

std::vector<WorkloadSetup> WorkloadReader::readSetupList(const YamlField& field) {
    std::vector<WorkloadSetup> list;
    if (!field.present()) return list;
    field.expectList();
    std::set<std::string> seen;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const YamlField entry = field.item(i);
        list.push_back(readSetup(entry));
        if (!seen.insert(list.back().deployment).second) {
            entry.child("deployment")
                .fail("\"" + list.back().deployment +
                      "\" is already set up above; put all of its settings in one entry");
        }
    }
    return list;
}

ScriptedChange WorkloadReader::readChange(const YamlField& field, int timeLimitSeconds) {
    field.expectKeys(kScriptKeys);
    ScriptedChange change;
    const YamlField at = field.child("at-second");
    change.atSecond = at.integer(0, std::numeric_limits<int>::max());
    if (timeLimitSeconds > 0 && change.atSecond >= timeLimitSeconds) {
        at.fail("the level is over at " + std::to_string(timeLimitSeconds) +
                " s (time-limit-seconds), so this change would never happen");
    }
    change.change.deployment = readDeployment(field.child("deployment"));
    const YamlField replicas = field.child("replicas");
    const YamlField annotations = field.child("annotations");
    if (!replicas.present() && !annotations.present()) {
        field.fail("a scripted change needs `replicas` or `annotations` (or both)");
    }
    if (replicas.present()) change.change.replicas = replicas.integer(0, kMaxReplicas);
    if (annotations.present()) change.change.annotations = readAnnotations(annotations);
    return change;
}

std::map<std::string, int> WorkloadReader::readWeights(const YamlField& field) {
    std::map<std::string, int> weights;
    if (!field.present()) return weights;
    field.expectKeys(kVersions);
    int sum = 0;
    for (const auto& [version, value] : field.entries()) {
        weights[version] = value.integer(0, kPercent);
        sum += weights[version];
    }
    if (sum != kPercent) {
        field.fail("the weights must add up to 100, they add up to " + std::to_string(sum));
    }
    return weights;
}

}  // namespace meshlings::world
