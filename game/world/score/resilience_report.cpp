#include "world/score/resilience_report.hpp"

namespace meshlings::world {

std::string_view scoreVerdictName(ScoreVerdict verdict) {
    switch (verdict) {
        case ScoreVerdict::Pending:
            return "pending";
        case ScoreVerdict::Pass:
            return "pass";
        case ScoreVerdict::Fail:
            return "fail";
        case ScoreVerdict::Halted:
            return "halted";
        case ScoreVerdict::NotScored:
            return "not scored";
    }
    return "?";
}

}  // namespace meshlings::world
