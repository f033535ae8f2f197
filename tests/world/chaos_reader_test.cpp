// The level file's chaos plan (`chaos`) and scoring knobs (`scoring`): what
// they load to, and that every mistake names the file, the line and the field.
#include "world/loader/chaos_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "level_error_check.hpp"
#include "world/level/chaos_schedule.hpp"
#include "world/loader/level_error.hpp"
#include "world/loader/level_loader.hpp"
#include "world/model/action_desk.hpp"

using meshlings::world::ChaosActionKind;
using meshlings::world::LevelError;
using meshlings::world::LevelLoader;

namespace {

const std::string kChaosFile = "levels/drill.yaml";
// Lines 1-7.
const std::string kChaosHeader =
    "version: 1\ntitle: Drill\nteaches: Something.\ntime-limit-seconds: 90\nobjectives:\n  - kind: survive\n"
    "safety: {allow-last-ready-pod-delete: true}\n";

void checkChaosError(const std::string& text, int line, const std::string& field, const std::string& problemPart) {
    meshlings::world::test::checkLevelError(kChaosHeader + text, kChaosFile, line, field, problemPart);
}

}  // namespace

TEST_CASE("a chaos plan loads in time order, each action with its fields") {
    const auto level = LevelLoader::loadFromString(kChaosHeader +
                                                       "chaos:\n"
                                                       "  - at-second: 60\n"
                                                       "    action: set-weights\n"
                                                       "    weights: {v1: 0, v3: 100}\n"
                                                       "  - at-second: 30\n"
                                                       "    action: delete-pod\n"
                                                       "    deployment: details-v1\n"
                                                       "  - at-second: 70\n"
                                                       "    action: scale\n"
                                                       "    deployment: reviews-v2\n"
                                                       "    replicas: 0\n",
                                                   kChaosFile);
    REQUIRE(level.chaos.size() == 3);
    CHECK(level.chaos[0].atSecond == 30);
    CHECK(level.chaos[0].kind == ChaosActionKind::DeletePod);
    CHECK(level.chaos[0].deployment == "details-v1");
    CHECK(level.chaos[1].atSecond == 60);
    CHECK(level.chaos[1].kind == ChaosActionKind::SetWeights);
    CHECK(level.chaos[1].weights.at("v1") == 0);
    CHECK(level.chaos[1].weights.at("v3") == 100);
    CHECK(level.chaos[2].kind == ChaosActionKind::Scale);
    CHECK(level.chaos[2].deployment == "reviews-v2");
    CHECK(level.chaos[2].replicas == 0);
}

TEST_CASE("no chaos and no scoring: nothing planned, the score's defaults") {
    const auto level = LevelLoader::loadFromString(kChaosHeader, kChaosFile);
    CHECK(level.chaos.empty());
    CHECK(level.scoring.weights.empty());
    CHECK_FALSE(level.scoring.steadySeconds);
    CHECK_FALSE(level.scoring.windowSeconds);
    CHECK_FALSE(level.scoring.passScore);
}

TEST_CASE("scoring: per-target weights and the score's knobs") {
    const auto level = LevelLoader::loadFromString(kChaosHeader +
                                                       "scoring:\n"
                                                       "  weights: {details-v1: 2, reviews: 1.5}\n"
                                                       "  steady-seconds: 4\n"
                                                       "  window-seconds: 20\n"
                                                       "  pass-score: 70\n",
                                                   kChaosFile);
    CHECK(level.scoring.weights.size() == 2);
    CHECK(level.scoring.weights.at("details-v1") == doctest::Approx(2));
    CHECK(level.scoring.weights.at("reviews") == doctest::Approx(1.5));
    CHECK(level.scoring.steadySeconds == 4);
    CHECK(level.scoring.windowSeconds == 20);
    CHECK(level.scoring.passScore == doctest::Approx(70));
}

TEST_CASE("chaos mistakes name file, line and field") {
    checkChaosError("chaos:\n  - at-second: 5\n    action: kill\n    deployment: details-v1\n", 10, "chaos[0].action",
                    "delete-pod");
    checkChaosError("chaos:\n  - at-second: 5\n    action: delete-pod\n    deployment: detail-v1\n", 11,
                    "chaos[0].deployment", "details-v1");
    checkChaosError("chaos:\n  - at-second: 5\n    action: delete-pod\n", 9, "chaos[0].deployment", "missing");
    checkChaosError("chaos:\n  - at-second: 90\n    action: delete-pod\n    deployment: details-v1\n", 9,
                    "chaos[0].at-second", "over at 90 s");
    checkChaosError("chaos:\n  - at-second: 5\n    action: set-weights\n    weights: {v1: 50, v3: 40}\n", 11,
                    "chaos[0].weights", "add up to 100");
    checkChaosError("chaos:\n  - at-second: 5\n    action: set-weights\n", 9, "chaos[0].weights", "missing");
    checkChaosError("chaos:\n  - at-second: 5\n    action: delete-pod\n    deployment: details-v1\n    replicas: 2\n",
                    12, "chaos[0].replicas", "not used by a `delete-pod` action");
    checkChaosError("chaos:\n  - at-second: 5\n    action: scale\n    deployment: details-v1\n", 9, "chaos[0].replicas",
                    "missing");
    checkChaosError("chaos:\n  - at-secnd: 5\n", 9, "chaos[0].at-secnd", "at-second");
}

TEST_CASE("scoring mistakes name file, line and field") {
    checkChaosError("scoring:\n  weights: {detail: 2}\n", 9, "scoring.weights.detail", "details");
    checkChaosError("scoring:\n  weights: {details: -1}\n", 9, "scoring.weights.details", "between");
    checkChaosError("scoring:\n  steady-seconds: 0\n", 9, "scoring.steady-seconds", "");
    checkChaosError("scoring:\n  pass-score: 101\n", 9, "scoring.pass-score", "");
    checkChaosError("scoring:\n  windows-seconds: 20\n", 9, "scoring.windows-seconds", "window-seconds");
}

namespace {

// Lines 1-6, format version 2 (the resilience skills).
const std::string kSkillHeader =
    "version: 2\ntitle: Drill\nteaches: Something.\ntime-limit-seconds: 90\nobjectives:\n  - kind: survive\n";

}  // namespace

// Issue 18: a level's chaos plan could not apply a resilience skill.
// Expected: `retry`, `timeout`, `circuit-breaker` and `eject` load with the player's values (defaults for those
// left out) and come due as the player's RequestRetry/RequestTimeout/RequestCircuitBreaker/RequestEject.
// Observed before: "chaos[0].action: expected one of delete-pod, set-weights, scale".
TEST_CASE("skills as chaos actions: retry, timeout, circuit-breaker, eject with the player's values") {
    const auto level = LevelLoader::loadFromString(kSkillHeader +
                                                       "chaos:\n"
                                                       "  - at-second: 5\n"
                                                       "    action: retry\n"
                                                       "    service: ratings\n"
                                                       "    attempts: 4\n"
                                                       "    retry-on: 5xx,reset\n"
                                                       "  - at-second: 6\n"
                                                       "    action: timeout\n"
                                                       "    service: reviews\n"
                                                       "    timeout-ms: 1500\n"
                                                       "  - at-second: 7\n"
                                                       "    action: circuit-breaker\n"
                                                       "    service: details\n"
                                                       "    max-connections: 2\n"
                                                       "  - at-second: 8\n"
                                                       "    action: eject\n"
                                                       "    service: reviews\n",
                                                   kChaosFile);
    REQUIRE(level.chaos.size() == 4);
    CHECK(level.chaos[0].kind == ChaosActionKind::Retry);
    CHECK(level.chaos[0].service == "ratings");
    CHECK(level.chaos[0].retry.attempts == 4);
    CHECK(level.chaos[0].retry.perTryTimeoutMs == meshlings::world::RetrySettings{}.perTryTimeoutMs);
    CHECK(level.chaos[0].retry.retryOn == "5xx,reset");
    CHECK(level.chaos[1].kind == ChaosActionKind::Timeout);
    CHECK(level.chaos[1].timeout.timeoutMs == 1500);
    CHECK(level.chaos[2].kind == ChaosActionKind::CircuitBreaker);
    CHECK(level.chaos[2].breaker.maxConnections == 2);
    CHECK(level.chaos[2].breaker.maxPendingRequests == meshlings::world::BreakerSettings{}.maxPendingRequests);
    CHECK(level.chaos[3].kind == ChaosActionKind::Eject);
    CHECK(level.chaos[3].eject == meshlings::world::EjectSettings{});
    CHECK(meshlings::world::chaosActionKindName(level.chaos[2].kind) == "circuit-breaker");

    const meshlings::world::BookinfoMap map;
    meshlings::world::ChaosSchedule schedule(level);
    const auto due = schedule.due(10, meshlings::world::PodBoard{map});
    REQUIRE(due.commands.size() == 4);
    const auto* retry = std::get_if<meshlings::world::RequestRetry>(&due.commands[0]);
    REQUIRE(retry != nullptr);
    CHECK(retry->service == "ratings");
    CHECK(retry->settings.attempts == 4);
    const auto* timeout = std::get_if<meshlings::world::RequestTimeout>(&due.commands[1]);
    REQUIRE(timeout != nullptr);
    CHECK(timeout->settings.timeoutMs == 1500);
    CHECK(std::holds_alternative<meshlings::world::RequestCircuitBreaker>(due.commands[2]));
    const auto* eject = std::get_if<meshlings::world::RequestEject>(&due.commands[3]);
    REQUIRE(eject != nullptr);
    CHECK(eject->service == "reviews");
}

TEST_CASE("skill chaos mistakes name file, line and field; version 1 refuses them") {
    checkChaosError("chaos:\n  - at-second: 5\n    action: retry\n    service: ratings\n", 10, "chaos[0].action",
                    "needs `version: 2`");
    const auto skillError = [](const std::string& text, int line, const std::string& field, const std::string& part) {
        meshlings::world::test::checkLevelError(kSkillHeader + text, kChaosFile, line, field, part);
    };
    skillError("chaos:\n  - at-second: 5\n    action: retry\n", 8, "chaos[0].service", "missing");
    skillError("chaos:\n  - at-second: 5\n    action: eject\n    service: rating\n", 10, "chaos[0].service", "ratings");
    skillError("chaos:\n  - at-second: 5\n    action: retry\n    service: ratings\n    attempts: 20\n", 9,
               "chaos[0].action", "attempts");
    skillError("chaos:\n  - at-second: 5\n    action: timeout\n    service: ratings\n    attempts: 2\n", 11,
               "chaos[0].attempts", "not used by a `timeout` action");
    skillError("chaos:\n  - at-second: 5\n    action: retry\n    service: ratings\n    retry-on: sometimes\n", 9,
               "chaos[0].action", "sometimes");
}

// Issue 19: a level could not take a node down.
// Expected: `node-down` / `node-up` name a node and come due as RequestNodeKubelet (stopped / running), which the
// desk turns into a SetNodeKubelet request that is not the routing guard's.
// Observed before: "chaos[0].action: expected one of delete-pod, set-weights, scale".
TEST_CASE("node-down and node-up name a node and come due as the node's kubelet request") {
    const auto level = LevelLoader::loadFromString(kChaosHeader +
                                                       "chaos:\n"
                                                       "  - at-second: 5\n"
                                                       "    action: node-down\n"
                                                       "    node: meshlings-worker\n"
                                                       "  - at-second: 8\n"
                                                       "    action: node-up\n"
                                                       "    node: meshlings-worker\n",
                                                   kChaosFile);
    REQUIRE(level.chaos.size() == 2);
    CHECK(level.chaos[0].kind == ChaosActionKind::NodeDown);
    CHECK(level.chaos[0].node == "meshlings-worker");
    CHECK(level.chaos[1].kind == ChaosActionKind::NodeUp);
    const meshlings::world::BookinfoMap map;
    meshlings::world::ChaosSchedule schedule(level);
    const auto due = schedule.due(10, meshlings::world::PodBoard{map});
    REQUIRE(due.commands.size() == 2);
    CHECK(due.commands[0] == meshlings::world::Command{meshlings::world::RequestNodeKubelet{"meshlings-worker", true}});
    CHECK(due.commands[1] ==
          meshlings::world::Command{meshlings::world::RequestNodeKubelet{"meshlings-worker", false}});

    meshlings::world::ActionDesk desk(level.budget);
    const auto decision = desk.requestNodeKubelet("meshlings-worker", true, meshlings::world::Tick{1});
    REQUIRE(decision.id.has_value());
    const auto outbound = desk.takeOutbound();
    REQUIRE(outbound.size() == 1);
    CHECK(outbound[0].kind == meshlings::world::ClusterRequestKind::SetNodeKubelet);
    CHECK(outbound[0].node == "meshlings-worker");
    CHECK(outbound[0].kubeletStopped);
    CHECK_FALSE(meshlings::world::isRoutingRequest(outbound[0].kind));

    checkChaosError("chaos:\n  - at-second: 5\n    action: node-down\n", 9, "chaos[0].node", "missing");
    checkChaosError("chaos:\n  - at-second: 5\n    action: node-up\n    node: n1\n    deployment: details-v1\n", 12,
                    "chaos[0].deployment", "not used by a `node-up` action");
}
