#include "report/markdown_writer.hpp"

#include <sstream>

#include "world/model/decimal_text.hpp"
#include "world/score/resilience_breakdown.hpp"

namespace meshlings::report {
namespace {

using world::decimalText;

std::string ms(const std::optional<int>& value) {
    return value ? std::to_string(*value) + " ms" : "-";
}

std::string percent(const std::optional<double>& share) {  // share 0..1
    return share ? decimalText(*share * 100, 1) + " %" : "-";
}

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

std::string MarkdownWriter::markdown(const DrillRecord& d) {
    const world::ResilienceReport& r = d.report;
    std::ostringstream out;
    out << "# Drill report: " << d.level.title << "\n\n";
    if (!d.armed) {
        out << "> **DRY RUN**: not armed, nothing was sent to change the cluster (`--armed` sends the changes).";
        if (!r.dryRuns.empty()) out << " It would have sent:";
        out << "\n";
        for (const auto& dry : r.dryRuns) {
            out << "> - at " << decimalText(dry.atSeconds, 1) << " s: " << world::disruptionKindName(dry.action.kind)
                << " " << dry.action.target << (dry.action.pod.empty() ? "" : " (" + dry.action.pod + ")") << "\n";
        }
        out << "\n";
    }
    const std::string reason = world::ResilienceBreakdown::verdictReason(r);
    out << "**Verdict: " << upper(std::string(world::scoreVerdictName(r.verdict))) << "**"
        << (reason.empty() ? "" : ": " + reason) << "; " << world::ResilienceBreakdown::scoreText(r) << "\n\n";
    for (std::size_t i = 1; i < r.reasons.size(); ++i) out << "- " << r.reasons[i] << "\n";
    if (r.reasons.size() > 1) out << "\n";
    out << "Level `" << d.level.id << "` (" << d.level.sourceFile << "), " << d.startedAt << " to " << d.endedAt << " ("
        << decimalText(d.durationSeconds, 0) << " s). " << d.level.teaches << "\n\n";

    out << "## Steady state\n\n";
    const world::SteadyState& before = r.steady;
    out << "- Before the chaos: " << (before.judged ? (before.met ? "held" : "NOT held") : "not judged") << ", "
        << before.good << " of " << before.total << " requests good"
        << (before.percent ? " (" + decimalText(*before.percent, 1) + " %)" : "")
        << (before.reason.empty() ? "" : "; " + before.reason) << "\n";
    out << "- After (the last " << (d.after.toSecond - d.after.fromSecond)
        << " s): " << (d.after.judged ? (d.after.met ? "held" : "NOT held") : "not judged") << ", " << d.after.good
        << " of " << d.after.total << " requests good"
        << (d.after.percent ? " (" + decimalText(*d.after.percent, 1) + " %)" : "") << "\n\n";

    out << "## What broke and how long recovery took\n\n";
    if (r.actions.empty()) {
        out << "No disruptive action was taken.\n\n";
    } else {
        out << "| at | action | weight | availability | recovery | score | note |\n";
        out << "| ---: | --- | ---: | ---: | ---: | ---: | --- |\n";
        for (const auto& a : r.actions) {
            out << "| " << decimalText(a.atSeconds, 1) << " s | " << world::disruptionKindName(a.action.kind) << " "
                << a.action.target << (a.action.pod.empty() ? "" : " (" + a.action.pod + ")") << " | "
                << decimalText(a.weight, 1) << " | " << percent(a.availability) << " | "
                << (a.recoverySeconds ? decimalText(*a.recoverySeconds, 1) + " s" : "not recovered") << " | "
                << (a.score ? decimalText(*a.score, 1) : "-") << " | " << a.note << " |\n";
        }
        out << "\n";
    }

    out << "## Error budget, recovery, latency\n\n";
    out << "- Error budget (SLO " << decimalText(r.sloPercent, 1) << " %): " << r.bad << " bad of " << r.requests
        << " requests, " << (r.budgetLeft ? decimalText(*r.budgetLeft * 100, 1) + " % left" : "-")
        << (r.burnRate ? ", burn rate " + decimalText(*r.burnRate, 2) : "") << (r.budgetSpent ? " (SPENT)" : "")
        << "\n";
    for (const auto& t : r.recovery) {
        out << "- MTTR " << t.target << ": " << (t.mttrSeconds ? decimalText(*t.mttrSeconds, 1) + " s" : "-") << " ("
            << t.recovered << " recovered" << (t.unrecovered > 0 ? ", " + std::to_string(t.unrecovered) + " never" : "")
            << ")\n";
    }
    out << "- Latency before the chaos: p50 " << ms(r.p50BeforeMs) << ", p99 " << ms(r.p99BeforeMs) << "; during: p50 "
        << ms(r.p50DuringMs) << ", p99 " << ms(r.p99DuringMs) << "\n";
    if (r.worstOutage) {
        out << "- Blast radius: " << r.worstOutage->down << " of " << r.worstOutage->of << " " << r.worstOutage->service
            << " pods down at once (" << decimalText(r.worstOutage->percent, 0) << " %)\n";
    }
    if (r.deadTraffic) {
        out << "- Dead traffic: " << decimalText(r.deadTraffic->percent, 0) << " % of reviews traffic on "
            << r.deadTraffic->versions << " with no Ready pod\n";
    }
    out << "- Weights: ";
    if (d.config.weights.empty()) out << "every target " << decimalText(d.config.defaultWeight, 1);
    bool first = true;
    for (const auto& [target, weight] : d.config.weights) {
        out << (first ? "" : ", ") << target << " " << decimalText(weight, 1);
        first = false;
    }
    if (!d.config.weights.empty()) out << "; others " << decimalText(d.config.defaultWeight, 1);
    out << "\n";
    for (const auto& line : d.rollbacks) out << "- Rollback: " << line << "\n";
    out << "\n## Charts\n\n![availability and p99](availability.svg)\n\n![recovery per action](recovery.svg)\n\n";
    out << "The whole journal (Chaos Toolkit's shape) is in `journal.json`.\n";
    return out.str();
}

}  // namespace meshlings::report
