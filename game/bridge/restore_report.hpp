#pragma once
// What restoring the saved routing did, object by object, for the messages
// of `meshlings restore`, the end of a session and the tests.
#include <string>
#include <vector>

namespace meshlings::bridge {

enum class RestoreResult {
    PutBack,    // existed before: spec, labels and annotations put back
    Deleted,    // did not exist before, the game created it: deleted
    Unchanged,  // the game never changed it, or it is already as saved: left alone
    Conflict,   // changed by someone else since the game's last write: left alone
    Failed,     // a call failed (the message names the step)
    Refused,    // the state file may not name it (RestoreScope), or the live one is another object: left alone
};

struct RestoreStep {
    std::string object;  // "VirtualService reviews"
    RestoreResult result = RestoreResult::Unchanged;
    std::string message;
};

struct RestoreReport {
    std::vector<RestoreStep> steps;
    std::string problem;  // a failure before any object (state file, wrong server); empty otherwise

    // No conflict, no failure, nothing refused.
    bool ok() const {
        if (!problem.empty()) return false;
        for (const auto& step : steps) {
            if (step.result == RestoreResult::Conflict || step.result == RestoreResult::Failed ||
                step.result == RestoreResult::Refused)
                return false;
        }
        return true;
    }
    // One line per object: "VirtualService reviews: deleted (the game created it)".
    std::string text() const {
        std::string out = problem.empty() ? "" : problem + "\n";
        for (const auto& step : steps) out += step.object + ": " + step.message + "\n";
        return out;
    }
};

}  // namespace meshlings::bridge
