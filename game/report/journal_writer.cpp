#include "report/journal_writer.hpp"

#include "world/score/resilience_breakdown.hpp"

namespace meshlings::report {
namespace {

template <typename T>
nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string describe(const world::ActionScore& action) {
    std::string text = std::string(world::disruptionKindName(action.action.kind)) + " " + action.action.target;
    if (!action.action.pod.empty()) text += " (pod " + action.action.pod + ")";
    return text;
}

nlohmann::json chaosStep(const world::ChaosAction& action) {
    nlohmann::json step = {{"type", "action"},
                           {"name", std::string(world::chaosActionKindName(action.kind))},
                           {"pauses", {{"before", action.atSecond}}}};
    nlohmann::json arguments = nlohmann::json::object();
    if (!action.deployment.empty()) arguments["deployment"] = action.deployment;
    if (!action.service.empty()) arguments["service"] = action.service;
    if (action.kind == world::ChaosActionKind::SetWeights) arguments["weights"] = action.weights;
    if (action.kind == world::ChaosActionKind::Scale) arguments["replicas"] = action.replicas;
    step["provider"] = {{"type", "meshlings"}, {"arguments", arguments}};
    return step;
}

}  // namespace

nlohmann::json JournalWriter::journal(const DrillRecord& record) {
    const world::SteadyState& before = record.report.steady;
    const SteadyAfter& after = record.after;
    nlohmann::json journal = {
        {"chaoslib-version", nullptr},
        {"platform", "meshlings"},
        {"experiment", experiment(record)},
        {"status", record.status()},
        {"dry_run", !record.armed},  // not armed: nothing was sent to change the cluster
        {"deviated", !after.met},
        {"start", record.startedAt},
        {"end", record.endedAt},
        {"duration", record.durationSeconds},
        {"steady_states",
         {{"before",
           {{"steady_state_met", before.met},
            {"judged", before.judged},
            {"good", before.good},
            {"total", before.total},
            {"percent", orNull(before.percent)},
            {"reason", before.reason}}},
          {"after",
           {{"steady_state_met", after.met},
            {"judged", after.judged},
            {"good", after.good},
            {"total", after.total},
            {"percent", orNull(after.percent)},
            {"from_second", after.fromSecond},
            {"to_second", after.toSecond}}}}},
    };
    journal["run"] = nlohmann::json::array();
    for (const auto& action : record.report.actions) journal["run"].push_back(run(record, action));
    journal["rollbacks"] = nlohmann::json::array();
    for (const auto& line : record.rollbacks) {
        journal["rollbacks"].push_back({{"activity", {{"type", "action"}, {"name", "restore reviews routing"}}},
                                        {"status", line.find("NOT") == std::string::npos ? "succeeded" : "failed"},
                                        {"output", line}});
    }
    journal["resilience"] = resilience(record.report);
    return journal;
}

nlohmann::json JournalWriter::experiment(const DrillRecord& record) {
    const world::ResilienceConfig& config = record.config;
    nlohmann::json method = nlohmann::json::array();
    for (const auto& action : record.level.chaos) method.push_back(chaosStep(action));
    nlohmann::json weights = nlohmann::json::object();
    for (const auto& [target, weight] : config.weights) weights[target] = weight;
    return {
        {"title", record.level.title},
        {"description", record.level.teaches},
        {"level", record.level.id},
        {"level_file", record.level.sourceFile},
        {"steady-state-hypothesis",
         {{"title", "the product page is served: HTTP 200, complete, within " +
                        std::to_string(config.latencyObjectiveMs) + " ms"},
          {"probes", nlohmann::json::array({{{"type", "probe"},
                                             {"name", "good share of GET /productpage"},
                                             {"tolerance", {{"type", "range"}, {"range", {config.steadyPercent, 100}}}},
                                             {"span_seconds", config.steadyTicks / world::kTicksPerSecond}}})}}},
        {"method", method},
        {"scoring",
         {{"weights", weights},
          {"default_weight", config.defaultWeight},
          {"window_seconds", config.windowTicks / world::kTicksPerSecond},
          {"pass_score", config.passScore},
          {"slo_percent", config.sloPercent},
          {"latency_objective_ms", config.latencyObjectiveMs}}},
    };
}

nlohmann::json JournalWriter::run(const DrillRecord& record, const world::ActionScore& a) {
    const double start = record.startedAtEpoch + a.atSeconds;
    return {
        {"activity",
         {{"type", "action"},
          {"name", describe(a)},
          {"provider",
           {{"type", "meshlings"},
            {"kind", std::string(world::disruptionKindName(a.action.kind))},
            {"target", a.action.target},
            {"pod", a.action.pod}}}}},
        {"status", "succeeded"},
        {"start", rfc3339(start)},
        {"end", rfc3339(start + a.windowSeconds)},
        {"duration", a.windowSeconds},
        {"at_seconds", a.atSeconds},
        {"output",
         {{"weight", a.weight},
          {"window_seconds", a.windowSeconds},
          {"window_end", std::string(world::windowEndName(a.windowEnd))},
          {"good", a.good},
          {"total", a.total},
          {"availability", orNull(a.availability)},
          {"recovery_seconds", orNull(a.recoverySeconds)},
          {"recovery", a.recovery},
          {"action_score", orNull(a.score)},
          {"note", a.note}}},
    };
}

nlohmann::json JournalWriter::resilience(const world::ResilienceReport& r) {
    nlohmann::json recovery = nlohmann::json::array();
    for (const auto& t : r.recovery) {
        recovery.push_back({{"target", t.target},
                            {"recovered", t.recovered},
                            {"unrecovered", t.unrecovered},
                            {"mttr_seconds", orNull(t.mttrSeconds)}});
    }
    nlohmann::json outage = nullptr;
    if (r.worstOutage) {
        outage = {{"service", r.worstOutage->service},
                  {"down", r.worstOutage->down},
                  {"of", r.worstOutage->of},
                  {"percent", r.worstOutage->percent},
                  {"at_seconds", r.worstOutage->at.seconds()}};
    }
    nlohmann::json notSent = nlohmann::json::array();
    for (const auto& d : r.dryRuns) {
        notSent.push_back({{"action", std::string(world::disruptionKindName(d.action.kind))},
                           {"target", d.action.target},
                           {"pod", d.action.pod},
                           {"at_seconds", d.atSeconds}});
    }
    nlohmann::json dead = nullptr;
    if (r.deadTraffic) {
        dead = {{"percent", r.deadTraffic->percent},
                {"versions", r.deadTraffic->versions},
                {"at_seconds", r.deadTraffic->at.seconds()}};
    }
    return {
        {"verdict", std::string(world::scoreVerdictName(r.verdict))},
        {"reasons", r.reasons},
        {"score", orNull(r.headline)},
        {"actions", r.actions.size()},
        {"not_sent", notSent},  // dry runs: what would have been sent
        {"slo_percent", r.sloPercent},
        {"requests", r.requests},
        {"bad", r.bad},
        {"allowed_bad", r.allowedBad},
        {"budget_left", orNull(r.budgetLeft)},
        {"burn_rate", orNull(r.burnRate)},
        {"budget_spent", r.budgetSpent},
        {"recovery", recovery},
        {"p50_before_ms", orNull(r.p50BeforeMs)},
        {"p99_before_ms", orNull(r.p99BeforeMs)},
        {"p50_during_ms", orNull(r.p50DuringMs)},
        {"p99_during_ms", orNull(r.p99DuringMs)},
        {"worst_outage", outage},
        {"dead_traffic", dead},
        {"breakdown", world::ResilienceBreakdown::lines(r)},
    };
}

}  // namespace meshlings::report
