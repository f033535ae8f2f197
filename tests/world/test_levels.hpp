#pragma once
// The levels the world tests and the files in tests/replays play, by id.
// Kept here rather than in levels/ so the replay tests do not depend on the
// campaign's tuning (levels/ may change; these may not without re-recording).
#include <optional>
#include <string>

#include "world/level/level.hpp"
#include "world/replay/replay_verifier.hpp"

namespace meshlings::world::test {

inline Objective objective(ObjectiveKind kind) {
    Objective o;
    o.kind = kind;
    return o;
}

inline std::optional<Level> testLevel(const std::string& id) {
    Level level;
    level.id = id;
    level.seed = 7;
    if (id == "sandbox") return ReplayVerifier::sandboxLevel();
    if (id == "test-delete") {
        level.title = "Test: delete two";
        Objective del = objective(ObjectiveKind::DeletePods);
        del.count = 2;
        Objective keep = objective(ObjectiveKind::KeepServed);
        keep.percent = 80;
        level.objectives = {del, keep};
        level.budget.deletes = 3;
        level.safety.allowLastReadyPodDelete = true;  // one pod per Deployment here
        level.timeLimitSeconds = 60;
        return level;
    }
    if (id == "test-canary") {
        level.title = "Test: canary";
        Objective shift = objective(ObjectiveKind::ShiftTraffic);
        shift.percent = 100;
        shift.version = "v3";
        shift.count = 3;
        Objective keep = objective(ObjectiveKind::KeepServed);
        keep.percent = 90;
        level.objectives = {shift, keep};
        level.budget.shifts = 4;
        level.initialWeights = {{"v1", 100}, {"v2", 0}, {"v3", 0}};
        level.timeLimitSeconds = 90;
        return level;
    }
    return std::nullopt;
}

}  // namespace meshlings::world::test
