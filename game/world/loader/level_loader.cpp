#include "world/loader/level_loader.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <limits>
#include <sstream>

#include "world/loader/chaos_reader.hpp"
#include "world/loader/level_error.hpp"
#include "world/loader/objective_reader.hpp"
#include "world/loader/workload_reader.hpp"
#include "world/loader/yaml_syntax_context.hpp"

namespace meshlings::world {

namespace {

constexpr std::array<std::string_view, 18> kTopKeys{
    "version", "title",  "teaches", "campaign-order", "seed",   "map",   "sandbox", "time-limit-seconds", "slo-percent",
    "traffic", "budget", "weights", "setup",          "script", "chaos", "scoring", "objectives",         "safety"};
constexpr std::array<std::string_view, 3> kTrafficKeys{"requests-per-second", "double-every-seconds",
                                                       "max-requests-per-second"};
constexpr std::array<std::string_view, 3> kBudgetKeysV1{"deletes", "shifts", "scales"};
constexpr std::array<std::string_view, 7> kBudgetKeys{"deletes",  "shifts",           "scales", "retries",
                                                      "timeouts", "circuit-breakers", "ejects"};
constexpr std::array<std::string_view, 2> kSafetyKeys{"allow-last-ready-pod-delete", "max-deletes-per-minute"};
constexpr std::array<std::string_view, 1> kMaps{"bookinfo"};

constexpr int kMaxCampaignOrder = 1000;
constexpr double kMaxRequestsPerSecond = 10000;

std::string fileName(const std::string& name) {
    return std::filesystem::path(name).stem().string();
}

}  // namespace

Level LevelLoader::load(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw LevelError(path.string(), 0, "", std::filesystem::exists(path, error) ? "not a file" : "no such file");
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) throw LevelError(path.string(), 0, "", "cannot be read");
    return loadFromString(text.str(), path.string());
}

Level LevelLoader::loadFromString(std::string_view text, const std::string& name) {
    YAML::Node document;
    try {
        document = YAML::Load(std::string(text));
    } catch (const YAML::Exception& error) {
        const YamlSyntaxContext::Place place = YamlSyntaxContext::locate(text, error.mark.line);
        throw LevelError(name, place.line, place.field,
                         "not valid YAML (" + error.msg + "); check the indentation, quotes and brackets here");
    }
    const YamlField root = YamlField::root(document, name);
    if (!root.present()) {
        throw LevelError(name, 1, "version", "missing: the file is empty; a level starts with `version: 1`");
    }
    return parse(root, name);
}

std::vector<Level> LevelLoader::loadDirectory(const std::filesystem::path& folder) {
    std::vector<Level> levels;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file() && entry.path().extension() == ".yaml") levels.push_back(load(entry.path()));
    }
    std::sort(levels.begin(), levels.end(), [](const Level& a, const Level& b) {
        const int orderA = a.campaignOrder > 0 ? a.campaignOrder : kNoMax;
        const int orderB = b.campaignOrder > 0 ? b.campaignOrder : kNoMax;
        return orderA != orderB ? orderA < orderB : a.id < b.id;
    });
    return levels;
}

Level LevelLoader::parse(const YamlField& root, const std::string& name) {
    root.expectMap();
    Level level;
    level.id = fileName(name);
    level.sourceFile = name;
    // The version first: a newer file may use keys this build does not know.
    const YamlField version = root.child("version");
    level.formatVersion = version.integer(1, kNoMax);
    if (level.formatVersion > kFormatVersion) {
        version.fail("this level uses format version " + std::to_string(level.formatVersion) +
                     "; this Meshlings reads version " + std::to_string(kFormatVersion) +
                     " and older: update Meshlings to play it");
    }
    root.expectKeys(kTopKeys);
    readHeader(root, level);
    level.traffic = readTraffic(root.child("traffic"));
    level.budget = readBudget(root.child("budget"), level.formatVersion);
    level.safety = readSafety(root.child("safety"));
    level.initialWeights = WorkloadReader::readWeights(root.child("weights"));
    level.setup = WorkloadReader::readSetupList(root.child("setup"));
    const YamlField script = root.child("script");
    if (script.present()) {
        script.expectList();
        for (std::size_t i = 0; i < script.size(); ++i) {
            level.script.push_back(WorkloadReader::readChange(script.item(i), level.timeLimitSeconds));
        }
    }
    level.chaos = ChaosReader::readPlan(root.child("chaos"), level.timeLimitSeconds, level.formatVersion);
    level.scoring = ChaosReader::readScoring(root.child("scoring"));
    readObjectives(root, level);
    return level;
}

void LevelLoader::readHeader(const YamlField& root, Level& level) {
    level.title = root.child("title").text();
    level.teaches = root.child("teaches").text();
    level.campaignOrder = root.child("campaign-order").integerOr(0, 0, kMaxCampaignOrder);
    level.seed = static_cast<std::uint64_t>(root.child("seed").integerOr(1, 0, kNoMax));
    level.map = root.child("map").present() ? root.child("map").oneOf(kMaps) : std::string(kMaps[0]);
    level.sandbox = root.child("sandbox").booleanOr(false);
    level.timeLimitSeconds = root.child("time-limit-seconds").integerOr(0, 0, kDaySeconds);
    level.sloPercent = root.child("slo-percent").numberOr(level.sloPercent, 0, 100);
}

TrafficPlan LevelLoader::readTraffic(const YamlField& field) {
    TrafficPlan plan;
    if (!field.present()) return plan;
    field.expectKeys(kTrafficKeys);
    const YamlField rate = field.child("requests-per-second");
    plan.requestsPerSecond = rate.numberOr(plan.requestsPerSecond, 0, kMaxRequestsPerSecond);
    if (plan.requestsPerSecond <= 0) rate.fail("must be more than 0 (the probe needs traffic to score)");
    plan.doubleEverySeconds = field.child("double-every-seconds").integerOr(0, 0, kDaySeconds);
    const YamlField max = field.child("max-requests-per-second");
    plan.maxRequestsPerSecond =
        max.numberOr(std::max(plan.maxRequestsPerSecond, plan.requestsPerSecond), 0, kMaxRequestsPerSecond);
    if (plan.maxRequestsPerSecond < plan.requestsPerSecond) {
        max.fail("must be at least requests-per-second (" + rate.textOr("10") + ")");
    }
    return plan;
}

// Format 1: the three actions it knew, a key left out is no limit, and none of the skills (0).
// Format 2: every skill; a given `budget` lists what the level offers (a key left out is 0, `unlimited`
// is no limit); no `budget` at all is no limit on anything.
ActionBudget LevelLoader::readBudget(const YamlField& field, int formatVersion) {
    ActionBudget budget;
    if (formatVersion < 2) {
        budget.retries = budget.timeouts = budget.breakers = budget.ejects = 0;
        if (!field.present()) return budget;
        for (const std::string_view key : kBudgetKeys) {
            if (field.isMap() && field.child(key).present() &&
                std::find(kBudgetKeysV1.begin(), kBudgetKeysV1.end(), key) == kBudgetKeysV1.end()) {
                field.child(key).fail("a budget for this skill needs `version: 2` (levels/FORMAT.md)");
            }
        }
        field.expectKeys(kBudgetKeysV1);
        if (field.child("deletes").present()) budget.deletes = field.child("deletes").integer(0, kNoMax);
        if (field.child("shifts").present()) budget.shifts = field.child("shifts").integer(0, kNoMax);
        if (field.child("scales").present()) budget.scales = field.child("scales").integer(0, kNoMax);
        return budget;
    }
    if (!field.present()) return budget;
    field.expectKeys(kBudgetKeys);
    const auto count = [&field](std::string_view key) -> std::optional<int> {
        const YamlField value = field.child(key);
        if (!value.present()) return 0;
        if (value.text() == "unlimited") return std::nullopt;
        return value.integer(0, kNoMax);
    };
    budget.deletes = count("deletes");
    budget.shifts = count("shifts");
    budget.scales = count("scales");
    budget.retries = count("retries");
    budget.timeouts = count("timeouts");
    budget.breakers = count("circuit-breakers");
    budget.ejects = count("ejects");
    return budget;
}

SafetyRules LevelLoader::readSafety(const YamlField& field) {
    SafetyRules rules;
    if (!field.present()) return rules;
    field.expectKeys(kSafetyKeys);
    rules.allowLastReadyPodDelete = field.child("allow-last-ready-pod-delete").booleanOr(false);
    rules.maxDeletesPerMinute = field.child("max-deletes-per-minute").integerOr(rules.maxDeletesPerMinute, 1, kNoMax);
    return rules;
}

void LevelLoader::readObjectives(const YamlField& root, Level& level) {
    const YamlField objectives = root.child("objectives");
    level.objectives = ObjectiveReader::readList(objectives, level.timeLimitSeconds);
    if (level.sandbox && !level.objectives.empty()) {
        objectives.fail("a sandbox level (sandbox: true) has no objectives; remove them or the sandbox flag");
    }
    if (!level.sandbox && level.objectives.empty()) {
        if (objectives.present()) objectives.fail("the list is empty; a level needs at least one objective");
        objectives.fail("missing; a level needs at least one objective (or `sandbox: true` for free play)");
    }
}

std::vector<std::string_view> LevelLoader::acceptedKeys() {
    std::vector<std::string_view> keys;
    const auto add = [&keys](const auto& list) { keys.insert(keys.end(), list.begin(), list.end()); };
    add(kTopKeys);
    add(kTrafficKeys);
    add(kBudgetKeys);
    add(kSafetyKeys);
    add(WorkloadReader::kVersions);
    add(WorkloadReader::kSetupKeys);
    add(WorkloadReader::kScriptKeys);
    add(WorkloadReader::kAnnotations);
    add(ObjectiveReader::kKeys);
    add(ChaosReader::kChaosKeys);
    add(ChaosReader::kScoringKeys);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

}  // namespace meshlings::world
