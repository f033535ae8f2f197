#include "world/loader/objective_reader.hpp"

#include <array>
#include <cstdio>
#include <limits>

#include "world/loader/spelling_hint.hpp"
#include "world/loader/workload_reader.hpp"
#include "world/model/decimal_text.hpp"

namespace meshlings::world {

namespace {

constexpr double kFullPercent = 100;

std::string kindKeys(const std::vector<std::string_view>& keys) {
    return keys.empty() ? "no other field" : SpellingHint::list(keys);
}

}  // namespace

std::vector<std::string_view> ObjectiveReader::keysFor(ObjectiveKind kind) {
    switch (kind) {
        case ObjectiveKind::KeepServed:
            return {"percent"};
        case ObjectiveKind::DeletePods:
            return {"count", "target"};
        case ObjectiveKind::ShiftTraffic:
            return {"version", "percent", "steps"};
        case ObjectiveKind::ShiftAwayFrom:
            return {"version", "within-seconds"};
        case ObjectiveKind::KeepP99Below:
            return {"milliseconds", "over"};
        case ObjectiveKind::Survive:
            return {};
    }
    return {};
}

void ObjectiveReader::checkKeys(const YamlField& field, ObjectiveKind kind) {
    const std::vector<std::string_view> used = keysFor(kind);
    for (const auto& [key, value] : field.entries()) {
        if (key == "kind" || key == "text") continue;
        bool usedByKind = false;
        for (const std::string_view name : used) usedByKind = usedByKind || name == key;
        if (!usedByKind) {
            value.fail("not used by a " + std::string(objectiveKindName(kind)) + " objective, which takes " +
                       kindKeys(used));
        }
    }
}

void ObjectiveReader::readFields(const YamlField& field, Objective& objective, int timeLimitSeconds) {
    switch (objective.kind) {
        case ObjectiveKind::KeepServed:
            objective.percent = field.child("percent").number(0, kFullPercent);
            break;
        case ObjectiveKind::DeletePods:
            objective.count = field.child("count").integer(1, kNoMax);
            if (field.child("target").present()) {
                objective.target = WorkloadReader::readDeployment(field.child("target"));
            }
            break;
        case ObjectiveKind::ShiftTraffic:
            objective.version = field.child("version").oneOf(WorkloadReader::kVersions);
            objective.percent = field.child("percent").numberOr(kFullPercent, 0, kFullPercent);
            objective.count = field.child("steps").integerOr(1, 1, kNoMax);
            break;
        case ObjectiveKind::ShiftAwayFrom:
            objective.version = field.child("version").oneOf(WorkloadReader::kVersions);
            objective.withinSeconds = field.child("within-seconds").integer(1, kNoMax);
            break;
        case ObjectiveKind::KeepP99Below:
            objective.milliseconds = field.child("milliseconds").integer(1, kNoMax);
            if (field.child("over").present()) {
                static constexpr std::array<std::string_view, 2> kOver{"session", "last-30s"};
                objective.lastWindow = field.child("over").oneOf(kOver) == "last-30s";
            }
            break;
        case ObjectiveKind::Survive:
            if (timeLimitSeconds == 0) {
                field.child("kind").fail("survive needs a time limit: set time-limit-seconds");
            }
            break;
    }
}

Objective ObjectiveReader::read(const YamlField& field, int timeLimitSeconds) {
    field.expectKeys(kKeys);
    Objective objective;
    const YamlField kindField = field.child("kind");
    const auto kind = objectiveKindFromName(kindField.oneOf(kKinds));
    objective.kind = kind.value_or(ObjectiveKind::KeepServed);
    checkKeys(field, objective.kind);
    readFields(field, objective, timeLimitSeconds);
    objective.text = field.child("text").textOr(defaultText(objective));
    return objective;
}

std::vector<Objective> ObjectiveReader::readList(const YamlField& field, int timeLimitSeconds) {
    std::vector<Objective> objectives;
    if (!field.present()) return objectives;
    field.expectList();
    for (std::size_t i = 0; i < field.size(); ++i) objectives.push_back(read(field.item(i), timeLimitSeconds));
    return objectives;
}

std::string ObjectiveReader::defaultText(const Objective& objective) {
    switch (objective.kind) {
        case ObjectiveKind::KeepServed:
            return "Keep " + shortestText(objective.percent) + " % of requests served";
        case ObjectiveKind::DeletePods:
            return "Delete " + std::to_string(objective.count) +
                   (objective.target.empty() ? "" : " " + objective.target) + (objective.count == 1 ? " pod" : " pods");
        case ObjectiveKind::ShiftTraffic:
            return "Move " + shortestText(objective.percent) + " % of reviews traffic to " + objective.version +
                   (objective.count > 1 ? " in " + std::to_string(objective.count) + " steps or more" : "");
        case ObjectiveKind::ShiftAwayFrom:
            return "Shift traffic away from " + objective.version + " within " +
                   std::to_string(objective.withinSeconds) + " s of it failing";
        case ObjectiveKind::KeepP99Below:
            return "Keep p99 latency under " + std::to_string(objective.milliseconds) + " ms" +
                   (objective.lastWindow ? " over the last 30 s" : "");
        case ObjectiveKind::Survive:
            return "Stay within the error budget until the time runs out";
    }
    return {};
}

}  // namespace meshlings::world
