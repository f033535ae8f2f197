#include "world/loader/chaos_reader.hpp"

#include <algorithm>
#include <limits>

#include "world/loader/spelling_hint.hpp"
#include "world/loader/workload_reader.hpp"

namespace meshlings::world {

namespace {

constexpr int kMaxSteadySeconds = 3600;

// Only the fields an action of this kind uses may be given.
void expectOnly(const YamlField& field, std::string_view action, std::initializer_list<std::string_view> allowed) {
    for (const std::string_view key : {"deployment", "weights", "replicas"}) {
        if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
        const YamlField child = field.child(std::string(key));
        if (child.present()) child.fail("not used by a `" + std::string(action) + "` action; remove it");
    }
}

}  // namespace

std::vector<ChaosAction> ChaosReader::readPlan(const YamlField& field, int timeLimitSeconds) {
    std::vector<ChaosAction> plan;
    if (!field.present()) return plan;
    field.expectList();
    for (std::size_t i = 0; i < field.size(); ++i) plan.push_back(readAction(field.item(i), timeLimitSeconds));
    std::stable_sort(plan.begin(), plan.end(),
                     [](const ChaosAction& a, const ChaosAction& b) { return a.atSecond < b.atSecond; });
    return plan;
}

ChaosAction ChaosReader::readAction(const YamlField& field, int timeLimitSeconds) {
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
    } else {
        expectOnly(field, kind, {"deployment", "replicas"});
        action.kind = ChaosActionKind::Scale;
        action.deployment = WorkloadReader::readDeployment(field.child("deployment"));
        action.replicas = field.child("replicas").integer(0, WorkloadReader::kMaxReplicas);
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
