// LevelLoader on bad input: every kind of mistake in a level file gives a
// LevelError that names the file, the line and the field, with a message a
// level author can act on. (The shipped levels and FORMAT.md are checked in
// level_files_test.cpp.)
#include "world/loader/level_loader.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "level_error_check.hpp"
#include "world/loader/level_error.hpp"

using meshlings::world::LevelError;
using meshlings::world::LevelLoader;
using meshlings::world::ObjectiveKind;

namespace {

const std::string kFile = "levels/test.yaml";
const std::string kHeader = "version: 1\ntitle: Test\nteaches: Something.\n";  // lines 1-3
const std::string kObjective = "objectives:\n  - kind: keep-served\n    percent: 90\n";

LevelError errorOf(const std::string& text, const std::string& name = kFile) {
    return meshlings::world::test::levelErrorOf(text, name);
}

void checkError(const std::string& text, int line, const std::string& field, const std::string& problemPart) {
    meshlings::world::test::checkLevelError(text, kFile, line, field, problemPart);
}

}  // namespace

TEST_CASE("a minimal level loads with every default") {
    const auto level = LevelLoader::loadFromString(kHeader + kObjective, "levels/minimal.yaml");
    CHECK(level.id == "minimal");
    CHECK(level.sourceFile == "levels/minimal.yaml");
    CHECK(level.formatVersion == 1);
    CHECK(level.campaignOrder == 0);
    CHECK(level.seed == 1);
    CHECK(level.map == "bookinfo");
    CHECK_FALSE(level.sandbox);
    CHECK(level.timeLimitSeconds == 0);
    CHECK(level.sloPercent == doctest::Approx(95));
    CHECK(level.traffic.requestsPerSecond == doctest::Approx(10));
    CHECK(level.traffic.doubleEverySeconds == 0);
    CHECK(level.traffic.maxRequestsPerSecond == doctest::Approx(100));
    CHECK_FALSE(level.budget.deletes.has_value());
    CHECK_FALSE(level.budget.shifts.has_value());
    CHECK_FALSE(level.budget.scales.has_value());
    CHECK(level.initialWeights.empty());
    CHECK(level.setup.empty());
    CHECK(level.script.empty());
    CHECK_FALSE(level.safety.allowLastReadyPodDelete);
    CHECK(level.safety.maxDeletesPerMinute == 10);
    REQUIRE(level.objectives.size() == 1);
    CHECK(level.objectives[0].kind == ObjectiveKind::KeepServed);
    CHECK(level.objectives[0].text == "Keep 90 % of requests served");
}

TEST_CASE("objective texts left out are written from the fields") {
    const auto level = LevelLoader::loadFromString(kHeader +
                                                       "time-limit-seconds: 60\nobjectives:\n"
                                                       "  - {kind: delete-pods, count: 5, target: details-v1}\n"
                                                       "  - {kind: shift-traffic, version: v3, steps: 3}\n"
                                                       "  - {kind: shift-away-from, version: v3, within-seconds: 20}\n"
                                                       "  - {kind: keep-p99-below, milliseconds: 3000}\n"
                                                       "  - {kind: survive}\n",
                                                   kFile);
    REQUIRE(level.objectives.size() == 5);
    CHECK(level.objectives[0].text == "Delete 5 details-v1 pods");
    CHECK(level.objectives[1].text == "Move 100 % of reviews traffic to v3 in 3 steps or more");
    CHECK(level.objectives[1].percent == doctest::Approx(100));
    CHECK(level.objectives[1].count == 3);
    CHECK(level.objectives[2].text == "Shift traffic away from v3 within 20 s of it failing");
    CHECK(level.objectives[3].text == "Keep p99 latency under 3000 ms");
    CHECK(level.objectives[4].text == "Stay within the error budget until the time runs out");
}

TEST_CASE("the message names file, line and field as in FORMAT.md") {
    std::string text = kHeader;
    for (int line = 4; line <= 9; ++line) text += "# filler\n";
    text += "objectives:\n  - kind: keep-served\n    percent: 90\n  - kind: keep-served\n    percent: lots\n";
    const LevelError error = errorOf(text, "levels/canary.yaml");
    CHECK(std::string(error.what()) ==
          "levels/canary.yaml:14: objectives[1].percent: expected a number between 0 and 100, got \"lots\"");
}

TEST_CASE("bad YAML syntax points at the first bad line and the field it was writing") {
    checkError(kHeader + "objectives:\n  - kind: keep-served\n    percent: [90\n  - kind: survive\n", 6,
               "objectives[0].percent", "not valid YAML");
    checkError(kHeader + "traffic:\n  requests-per-second: 5\n   double-every-seconds: 30\n", 6,
               "traffic.double-every-seconds", "not valid YAML");
    checkError("version: 1\n\ttitle: x\n", 2, "title", "not valid YAML");
}

TEST_CASE("a value of the wrong type") {
    checkError(kHeader + "objectives:\n  - kind: keep-served\n    percent: \"90\"\n", 6, "objectives[0].percent",
               "written without quotes");
    checkError(kHeader + "sandbox: yes\n" + kObjective, 4, "sandbox", "expected true or false, got \"yes\"");
    checkError(kHeader + "budget:\n  deletes: 2.5\n" + kObjective, 5, "budget.deletes", "expected a whole number");
    checkError(kHeader + "setup: details-v1\n" + kObjective, 4, "setup", "expected a list");
    checkError(kHeader + "traffic: [10]\n" + kObjective, 4, "traffic", "expected a mapping");
    checkError("[1, 2]\n", 1, "", "expected a mapping");
}

TEST_CASE("an unknown key is an error, with a did-you-mean when close") {
    checkError("version: 1\ntitel: Test\nteaches: x\n" + kObjective, 2, "titel", "did you mean `title`?");
    checkError(kHeader + "time_limit_seconds: 60\n" + kObjective, 4, "time_limit_seconds",
               "did you mean `time-limit-seconds`?");
    checkError(kHeader + "traffic:\n  request-per-second: 5\n" + kObjective, 5, "traffic.request-per-second",
               "did you mean `requests-per-second`?");
    checkError(kHeader + "objectives:\n  - kind: keep-served\n    percnt: 90\n", 6, "objectives[0].percnt",
               "did you mean `percent`?");
    checkError(kHeader + "colour: red\n" + kObjective, 4, "colour", "allowed here: `version`");
    checkError(kHeader + "objectives:\n  - kind: keep-serve\n    percent: 90\n", 5, "objectives[0].kind",
               "did you mean `keep-served`?");
    checkError(kHeader +
                   "setup:\n  - deployment: reviews-v3\n    annotations:\n      meshlings.dev/error_rate: \"1\"\n" +
                   kObjective,
               7, "setup[0].annotations.meshlings.dev/error_rate", "did you mean `meshlings.dev/error-rate`?");
    checkError(kHeader + "title: Again\n" + kObjective, 4, "title", "given twice");
}

TEST_CASE("a field another objective kind uses is an error") {
    checkError(kHeader + "objectives:\n  - kind: delete-pods\n    count: 3\n    percent: 90\n", 7,
               "objectives[0].percent", "not used by a delete-pods objective, which takes `count` or `target`");
}

TEST_CASE("values out of range") {
    checkError(kHeader + "objectives:\n  - kind: keep-served\n    percent: 150\n", 6, "objectives[0].percent",
               "between 0 and 100, got 150");
    checkError(kHeader + "budget:\n  deletes: -1\n" + kObjective, 5, "budget.deletes", "of at least 0, got -1");
    checkError(kHeader + "setup:\n  - deployment: details-v1\n    replicas: -2\n" + kObjective, 6, "setup[0].replicas",
               "between 0 and 100");
    checkError(kHeader +
                   "setup:\n  - deployment: reviews-v3\n    annotations:\n      meshlings.dev/error-rate: \"1.5\"\n" +
                   kObjective,
               7, "setup[0].annotations.meshlings.dev/error-rate", "between 0 and 1");
    checkError(kHeader + "traffic:\n  requests-per-second: 0\n" + kObjective, 5, "traffic.requests-per-second",
               "more than 0");
    checkError(kHeader + "traffic:\n  requests-per-second: 50\n  max-requests-per-second: 20\n" + kObjective, 6,
               "traffic.max-requests-per-second", "at least requests-per-second");
    checkError(kHeader +
                   "time-limit-seconds: 60\nscript:\n  - at-second: 60\n    deployment: ratings-v1\n"
                   "    replicas: 0\n" +
                   kObjective,
               6, "script[0].at-second", "would never happen");
    checkError(kHeader + "objectives:\n  - kind: survive\n", 5, "objectives[0].kind", "needs a time limit");
}

TEST_CASE("deployments and versions must be Bookinfo's") {
    checkError(kHeader + "setup:\n  - deployment: reviews-v4\n" + kObjective, 5, "setup[0].deployment",
               "unknown deployment \"reviews-v4\" (did you mean `reviews-v1`, `reviews-v2` or `reviews-v3`?)");
    checkError(kHeader + "objectives:\n  - kind: delete-pods\n    count: 1\n    target: mongodb-v1\n", 7,
               "objectives[0].target", "Bookinfo has `details-v1`");
    checkError(kHeader + "objectives:\n  - kind: shift-traffic\n    version: v4\n", 6, "objectives[0].version",
               "expected `v1`, `v2` or `v3`");
    checkError(
        kHeader + "setup:\n  - deployment: details-v1\n  - deployment: details-v1\n    replicas: 2\n" + kObjective, 6,
        "setup[1].deployment", "already set up");
    checkError(kHeader + "script:\n  - at-second: 3\n    deployment: details-v1\n" + kObjective, 5, "script[0]",
               "needs `replicas` or `annotations`");
}

TEST_CASE("weights must name v1, v2, v3 and add up to 100") {
    const auto level = LevelLoader::loadFromString(kHeader + "weights:\n  v1: 80\n  v3: 20\n" + kObjective, kFile);
    CHECK(level.initialWeights == std::map<std::string, int>{{"v1", 80}, {"v3", 20}});
    checkError(kHeader + "weights:\n  v1: 50\n  v3: 40\n" + kObjective, 4, "weights", "add up to 90");
    checkError(kHeader + "weights:\n  v1: 50\n  v4: 50\n" + kObjective, 6, "weights.v4", "unknown key");
    checkError(kHeader + "weights:\n  v1: 120\n  v2: -20\n" + kObjective, 5, "weights.v1", "between 0 and 100");
}

TEST_CASE("a missing required field") {
    checkError("version: 1\nteaches: x\n" + kObjective, 1, "title", "missing");
    checkError(kHeader + "objectives:\n  - percent: 90\n", 5, "objectives[0].kind", "missing");
    checkError(kHeader, 1, "objectives", "at least one objective");
    checkError(kHeader + "objectives: []\n", 4, "objectives", "the list is empty");
    checkError(kHeader + "sandbox: true\n" + kObjective, 5, "objectives", "sandbox level");
    checkError("title: x\nteaches: y\n" + kObjective, 1, "version", "missing");
}

TEST_CASE("a newer format version is refused before anything else is read") {
    checkError("version: 3\ntitle: From the future\nnew-field: 1\n", 1, "version",
               "format version 3; this Meshlings reads version 2 and older: update Meshlings");
    checkError("version: 0\n" + kObjective, 1, "version", "of at least 1");
}

TEST_CASE("format 1 budgets keep their meaning and offer none of the resilience skills") {
    const auto level = LevelLoader::loadFromString(kHeader + "budget:\n  deletes: 2\n" + kObjective, kFile);
    CHECK(level.budget.deletes == 2);
    CHECK_FALSE(level.budget.shifts.has_value());  // left out in format 1: no limit
    CHECK_FALSE(level.budget.scales.has_value());
    CHECK(level.budget.retries == 0);
    CHECK(level.budget.timeouts == 0);
    CHECK(level.budget.breakers == 0);
    CHECK(level.budget.ejects == 0);
    const auto none = LevelLoader::loadFromString(kHeader + kObjective, kFile);
    CHECK_FALSE(none.budget.deletes.has_value());
    CHECK(none.budget.retries == 0);
    checkError(kHeader + "budget:\n  retries: 2\n" + kObjective, 5, "budget.retries", "needs `version: 2`");
}

TEST_CASE("format 2 budgets: a key left out is 0, `unlimited` is no limit, no budget is no limit at all") {
    const std::string v2 = "version: 2\ntitle: Test\nteaches: Something.\n";
    const auto level = LevelLoader::loadFromString(
        v2 + "budget:\n  retries: 2\n  circuit-breakers: 1\n  deletes: unlimited\n" + kObjective, kFile);
    CHECK(level.formatVersion == 2);
    CHECK(level.budget.retries == 2);
    CHECK(level.budget.breakers == 1);
    CHECK_FALSE(level.budget.deletes.has_value());
    CHECK(level.budget.shifts == 0);
    CHECK(level.budget.scales == 0);
    CHECK(level.budget.timeouts == 0);
    CHECK(level.budget.ejects == 0);
    const auto open = LevelLoader::loadFromString(v2 + kObjective, kFile);
    CHECK_FALSE(open.budget.retries.has_value());
    CHECK_FALSE(open.budget.deletes.has_value());
    checkError(v2 + "budget:\n  ejects: lots\n" + kObjective, 5, "budget.ejects", "lots");
    checkError(v2 + "budget:\n  breakers: 1\n" + kObjective, 5, "budget.breakers", "unknown key");
}

TEST_CASE("an empty file") {
    checkError("", 1, "version", "the file is empty");
    checkError("# nothing but a comment\n\n", 1, "version", "the file is empty");
}

TEST_CASE("files: not found, and errors name the path the file was loaded from") {
    const auto folder = std::filesystem::temp_directory_path() / "meshlings_level_loader_test";
    std::filesystem::create_directories(folder);
    const auto missing = folder / "nope.yaml";
    try {
        LevelLoader::load(missing);
        FAIL("no error");
    } catch (const LevelError& error) {
        CHECK(error.file() == missing.string());
        CHECK(error.line() == 0);
        CHECK(error.problem() == "no such file");
        CHECK(std::string(error.what()) == missing.string() + ": no such file");
    }
    const auto broken = folder / "broken.yaml";
    std::ofstream(broken) << kHeader << "objectives:\n  - kind: keep-served\n    percent: lots\n";
    try {
        LevelLoader::load(broken);
        FAIL("no error");
    } catch (const LevelError& error) {
        CHECK(error.file() == broken.string());
        CHECK(error.line() == 6);
        CHECK(error.field() == "objectives[0].percent");
    }
    std::filesystem::remove_all(folder);
}
