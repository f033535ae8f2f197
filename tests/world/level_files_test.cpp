// The shipped levels and their documentation: every file in levels/ loads,
// the campaign is complete and in order, each level teaches something and
// shows its objectives on the HUD, and levels/FORMAT.md documents every key
// the loader accepts (and its complete example loads), so the docs cannot
// drift from the code.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "world/loader/level_loader.hpp"
#include "world/loader/objective_reader.hpp"
#include "world/loader/workload_reader.hpp"

using meshlings::world::Level;
using meshlings::world::LevelLoader;
using meshlings::world::ObjectiveKind;
using meshlings::world::ObjectiveReader;
using meshlings::world::WorkloadReader;

namespace {

const std::filesystem::path kLevels = MESHLINGS_LEVEL_DIR;

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The ```yaml block under "## A complete example".
std::string formatExample(const std::string& format) {
    const std::size_t section = format.find("## A complete example");
    const std::size_t start = format.find("```yaml\n", section);
    const std::size_t end = format.find("```\n", start + 8);
    if (section == std::string::npos || start == std::string::npos || end == std::string::npos) return {};
    return format.substr(start + 8, end - start - 8);
}

const Level& byId(const std::vector<Level>& levels, const std::string& id) {
    const auto it = std::find_if(levels.begin(), levels.end(), [&id](const Level& l) { return l.id == id; });
    REQUIRE_MESSAGE(it != levels.end(), "no level " << id);
    return *it;
}

}  // namespace

TEST_CASE("every shipped level loads") {
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kLevels)) {
        if (entry.path().extension() != ".yaml") continue;
        ++files;
        CAPTURE(entry.path().string());
        const Level level = LevelLoader::load(entry.path());
        CHECK(level.id == entry.path().stem().string());
        CHECK_FALSE(level.title.empty());
        CHECK(level.teaches.size() > 20);
        CHECK(level.sandbox == level.objectives.empty());
        for (const auto& objective : level.objectives) CHECK_FALSE(objective.text.empty());
    }
    CHECK(files >= 7);
}

TEST_CASE("the campaign: six levels in order, then free play") {
    const std::vector<Level> levels = LevelLoader::loadDirectory(kLevels);
    const std::vector<std::string> campaign{"hello-mesh",  "single-point-of-failure", "canary",
                                            "bad-release", "timeouts-matter",         "thundering-herd"};
    REQUIRE(levels.size() >= campaign.size() + 1);
    for (std::size_t i = 0; i < campaign.size(); ++i) {
        CHECK(levels[i].id == campaign[i]);
        CHECK(levels[i].campaignOrder == static_cast<int>(i) + 1);
        CHECK(levels[i].timeLimitSeconds > 0);
    }
    const Level& sandbox = byId(levels, "free-play");
    CHECK(sandbox.campaignOrder == 0);
    CHECK(sandbox.sandbox);
    CHECK(sandbox.objectives.empty());
    CHECK(sandbox.timeLimitSeconds == 0);
    CHECK_FALSE(sandbox.budget.deletes.has_value());
    CHECK_FALSE(sandbox.budget.shifts.has_value());
    CHECK_FALSE(sandbox.budget.scales.has_value());
    CHECK(sandbox.safety.allowLastReadyPodDelete);
}

TEST_CASE("the levels set up what their lesson needs") {
    const std::vector<Level> levels = LevelLoader::loadDirectory(kLevels);
    SUBCASE("single point of failure: one slow details replica, one scale") {
        const Level& level = byId(levels, "single-point-of-failure");
        CHECK(level.budget.scales == 1);
        const auto details = std::find_if(level.setup.begin(), level.setup.end(),
                                          [](const auto& s) { return s.deployment == "details-v1"; });
        REQUIRE(details != level.setup.end());
        CHECK(details->replicas == 1);
        CHECK(details->annotations.at("meshlings.dev/startup-seconds") == "8");
    }
    SUBCASE("canary: from all on v1 to all on v3 in 3 steps, never below 99 %") {
        const Level& level = byId(levels, "canary");
        CHECK(level.initialWeights.at("v1") == 100);
        REQUIRE(level.objectives.size() == 2);
        CHECK(level.objectives[0].kind == ObjectiveKind::ShiftTraffic);
        CHECK(level.objectives[0].version == "v3");
        CHECK(level.objectives[0].count == 3);
        CHECK(level.objectives[1].percent == doctest::Approx(99));
    }
    SUBCASE("bad release: v3 fails during the level, and must lose its traffic within 20 s") {
        const Level& level = byId(levels, "bad-release");
        REQUIRE(level.script.size() == 1);
        CHECK(level.script[0].change.deployment == "reviews-v3");
        CHECK(level.script[0].change.annotations.contains("meshlings.dev/error-rate"));
        CHECK(level.initialWeights.at("v3") > 0);
        CHECK(level.objectives[0].kind == ObjectiveKind::ShiftAwayFrom);
        CHECK(level.objectives[0].withinSeconds == 20);
    }
    SUBCASE("timeouts matter: ratings slows past productpage's 3 s while traffic is on v2") {
        const Level& level = byId(levels, "timeouts-matter");
        CHECK(level.initialWeights.at("v2") == 100);
        REQUIRE(level.script.size() == 1);
        CHECK(level.script[0].change.deployment == "ratings-v1");
        CHECK(std::stoi(level.script[0].change.annotations.at("meshlings.dev/latency-ms")) > 3000);
        CHECK(level.objectives[0].milliseconds == 3000);
    }
    SUBCASE("thundering herd: traffic doubles") {
        const Level& level = byId(levels, "thundering-herd");
        CHECK(level.traffic.doubleEverySeconds == 30);
        CHECK(level.traffic.maxRequestsPerSecond > level.traffic.requestsPerSecond);
    }
}

TEST_CASE("FORMAT.md documents every key, kind, annotation and deployment the loader accepts") {
    const std::string format = readText(kLevels / "FORMAT.md");
    REQUIRE_FALSE(format.empty());
    for (const std::string_view key : LevelLoader::acceptedKeys()) {
        CAPTURE(key);
        CHECK(format.find("| `" + std::string(key) + "` |") != std::string::npos);
    }
    for (const std::string_view kind : ObjectiveReader::kKinds) {
        CAPTURE(kind);
        CHECK(format.find("| `" + std::string(kind) + "` |") != std::string::npos);
    }
    for (const std::string_view deployment : WorkloadReader::kDeployments) {
        CAPTURE(deployment);
        CHECK(format.find("`" + std::string(deployment) + "`") != std::string::npos);
    }
    CHECK(format.find("format version **" + std::to_string(LevelLoader::kFormatVersion) + "**") != std::string::npos);
}

TEST_CASE("FORMAT.md's complete example loads and uses every key") {
    const std::string example = formatExample(readText(kLevels / "FORMAT.md"));
    REQUIRE_FALSE(example.empty());
    const Level level = LevelLoader::loadFromString(example, "levels/example.yaml");
    CHECK(level.id == "example");
    CHECK(level.objectives.size() == ObjectiveReader::kKinds.size());
    std::set<ObjectiveKind> kinds;
    for (const auto& objective : level.objectives) kinds.insert(objective.kind);
    CHECK(kinds.size() == ObjectiveReader::kKinds.size());
    for (const std::string_view key : LevelLoader::acceptedKeys()) {
        CAPTURE(key);
        CHECK(example.find(std::string(key) + ":") != std::string::npos);
    }
}
