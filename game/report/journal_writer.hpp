#pragma once
// The drill as a Chaos Toolkit-shaped journal (../shared/docs/chaos-references.md):
// experiment {title, description, steady-state-hypothesis, method}, status,
// deviated, start, end, duration, steady_states {before, after}, run (one
// entry per disruptive action with its window figures), rollbacks (the
// routing put back) and `resilience`: the whole report and its breakdown.
#include <nlohmann/json.hpp>

#include "report/drill_record.hpp"

namespace meshlings::report {

class JournalWriter {
public:
    static nlohmann::json journal(const DrillRecord& record);

private:
    static nlohmann::json experiment(const DrillRecord& record);
    static nlohmann::json run(const DrillRecord& record, const world::ActionScore& action);
    static nlohmann::json resilience(const world::ResilienceReport& report);
};

}  // namespace meshlings::report
