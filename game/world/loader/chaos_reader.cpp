#include "world/loader/chaos_reader.hpp"

#include <algorithm>
#include <limits>

#include "world/loader/spelling_hint.hpp"
#include "world/loader/workload_reader.hpp"

namespace meshlings::world {

namespace {

constexpr int kMaxSteadySeconds = 3600;
constexpr int kMaxSkillValue = 1000000;

// Only the fields an action of this kind uses may be given.
void expectOnly(const YamlField& field, std::string_view action, std::initializer_list<std::string_view> allowed) {
    for (const std::string_view key : ChaosReader::kChaosKeys) {
        if (key == "at-second" || key == "action") continue;
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        const YamlField child = field.child(std::string(key));
        if (child.present()) child.fail("not used by a `" + std::string(action) + "` action; remove it");
    }
}

// A skill's `service`: required, a Bookinfo service.
std::string readService(const YamlField& field) {
    const YamlField service = field.child("service");
    if (!service.present()) service.failMissing();
    return service.oneOf(ChaosReader::kServices);
}

// An optional whole-number skill value; left out keeps the player's default.
int skillValue(const YamlField& field, const char* key, int fallback) {
    return field.child(key).integerOr(fallback, 0, kMaxSkillValue);
}

// The skill's values as its own check (the player's dialog's) sees them; a problem names the action.
void checkSkill(const YamlField& field, const std::string& problem) {
    if (!problem.empty()) field.child("action").fail(problem);
}

// A resilience skill's entry (format version 2): `service` and the skill's values, each with the dialog's default.
void readSkill(const YamlField& field, const std::string& kind, ChaosAction& action) {
    if (kind == "retry") {
        expectOnly(field, kind, {"service", "attempts", "per-try-timeout-ms", "retry-on"});
        action.kind = ChaosActionKind::Retry;
        action.retry.attempts = skillValue(field, "attempts", action.retry.attempts);
        action.retry.perTryTimeoutMs = skillValue(field, "per-try-timeout-ms", action.retry.perTryTimeoutMs);
        action.retry.retryOn = field.child("retry-on").textOr(action.retry.retryOn);
        checkSkill(field, action.retry.problem());
    } else if (kind == "timeout") {
        expectOnly(field, kind, {"service", "timeout-ms"});
        action.kind = ChaosActionKind::Timeout;
        action.timeout.timeoutMs = skillValue(field, "timeout-ms", action.timeout.timeoutMs);
        checkSkill(field, action.timeout.problem());
    } else if (kind == "circuit-breaker") {
        expectOnly(field, kind, {"service", "max-connections", "max-pending-requests"});
        action.kind = ChaosActionKind::CircuitBreaker;
        action.breaker.maxConnections = skillValue(field, "max-connections", action.breaker.maxConnections);
        action.breaker.maxPendingRequests =
            skillValue(field, "max-pending-requests", action.breaker.maxPendingRequests);
        checkSkill(field, action.breaker.problem());
    } else {
        expectOnly(field, kind, {"service", "consecutive-errors", "ejection-seconds"});
        action.kind = ChaosActionKind::Eject;
        action.eject.consecutiveErrors = skillValue(field, "consecutive-errors", action.eject.consecutiveErrors);
        action.eject.ejectionSeconds = skillValue(field, "ejection-seconds", action.eject.ejectionSeconds);
        checkSkill(field, action.eject.problem());
    }
    action.service = readService(field);
}

}  // namespace

std::vector<ChaosAction> ChaosReader::readPlan(const YamlField& field, int timeLimitSeconds, int formatVersion) {
    std::vector<ChaosAction> plan;
    if (!field.present()) return plan;
    field.expectList();
    for (std::size_t i = 0; i < field.size(); ++i)
        plan.push_back(readAction(field.item(i), timeLimitSeconds, formatVersion));
    std::stable_sort(plan.begin(), plan.end(),
                     [](const ChaosAction& a, const ChaosAction& b) { return a.atSecond < b.atSecond; });
    return plan;
}

ChaosAction ChaosReader::readAction(const YamlField& field, int timeLimitSeconds, int formatVersion) {
    field.expectKeys(kChaosKeys);
    ChaosAction action;
    const YamlField at = field.child("at-second");
    action.atSecond = at.integer(0, std::numeric_limits<int>::max());
    if (timeLimitSeconds > 0 && action.atSecond >= timeLimitSeconds) {
        at.fail("the level is over at " + std::to_string(timeLimitSeconds) +
                " s (time-limit-seconds), so this action would never happen");
    }
    const std::string kind = field.child("action").oneOf(kActions);
    if (kind == "delete-pod") {
        expectOnly(field, kind, {"deployment"});
        action.kind = ChaosActionKind::DeletePod;
        action.deployment = WorkloadReader::readDeployment(field.child("deployment"));
    } else if (kind == "set-weights") {
        expectOnly(field, kind, {"weights"});
        action.kind = ChaosActionKind::SetWeights;
        const YamlField weights = field.child("weights");
        if (!weights.present()) weights.failMissing();
        action.weights = WorkloadReader::readWeights(weights);
    } else if (kind == "scale") {
        expectOnly(field, kind, {"deployment", "replicas"});
        action.kind = ChaosActionKind::Scale;
        action.deployment = WorkloadReader::readDeployment(field.child("deployment"));
        action.replicas = field.child("replicas").integer(0, WorkloadReader::kMaxReplicas);
    } else if (kind == "node-down" || kind == "node-up") {
        expectOnly(field, kind, {"node"});
        action.kind = kind == "node-down" ? ChaosActionKind::NodeDown : ChaosActionKind::NodeUp;
        const YamlField node = field.child("node");
        if (!node.present()) node.failMissing();
        action.node = node.text();
        if (action.node.empty()) node.fail("a node's name, e.g. `meshlings-worker`");
    } else {
        // A version-1 level never offers the resilience skills (its budget is 0 for them), so the plan could not
        // use one either: name the version instead of failing at play time.
        if (formatVersion < 2)
            field.child("action").fail("a `" + kind + "` action needs `version: 2` (levels/FORMAT.md)");
        readSkill(field, kind, action);
    }
    return action;
}

ScoringPlan ChaosReader::readScoring(const YamlField& field) {
    ScoringPlan plan;
    if (!field.present()) return plan;
    field.expectKeys(kScoringKeys);
    const YamlField weights = field.child("weights");
    if (weights.present()) {
        weights.expectMap();
        for (const auto& [target, value] : weights.entries()) {
            const bool deployment = std::find(WorkloadReader::kDeployments.begin(), WorkloadReader::kDeployments.end(),
                                              target) != WorkloadReader::kDeployments.end();
            const bool service = std::find(kServices.begin(), kServices.end(), target) != kServices.end();
            if (!deployment && !service) {
                std::vector<std::string_view> known(kServices.begin(), kServices.end());
                known.insert(known.end(), WorkloadReader::kDeployments.begin(), WorkloadReader::kDeployments.end());
                value.fail("unknown target \"" + target + "\"" + SpellingHint::suffix(target, known) +
                           "; a weight is for a Bookinfo service or deployment: " + SpellingHint::list(known));
            }
            plan.weights[target] = value.number(0, kMaxWeight);
        }
    }
    if (field.child("steady-seconds").present()) {
        plan.steadySeconds = field.child("steady-seconds").integer(1, kMaxSteadySeconds);
    }
    if (field.child("window-seconds").present()) {
        plan.windowSeconds = field.child("window-seconds").integer(1, kDaySeconds);
    }
    if (field.child("pass-score").present()) plan.passScore = field.child("pass-score").number(0, 100);
    return plan;
}

}  // namespace meshlings::world
