#include "world/score/resilience_breakdown.hpp"

#include <cctype>
#include <optional>

#include "world/model/decimal_text.hpp"

namespace meshlings::world {
namespace {

std::string ms(const std::optional<int>& v) {
    return v ? std::to_string(*v) + " ms" : std::string{"-"};
}

}  // namespace

std::vector<std::string> ResilienceBreakdown::lines(const ResilienceReport& report) {
    std::vector<std::string> out{headlineLine(report)};
    for (std::size_t i = 1; i < report.reasons.size(); ++i) out.push_back("  " + report.reasons[i]);
    out.push_back(steadyLine(report.steady));
    for (const ActionScore& a : report.actions) out.push_back(actionLine(a));
    for (const DryRunAction& d : report.dryRuns) {
        out.push_back("dry run, not sent: " + std::string{disruptionKindName(d.action.kind)} + " " + d.action.target +
                      (d.action.pod.empty() ? "" : " (" + d.action.pod + ")") + " at " + decimalText(d.atSeconds, 1) +
                      " s");
    }
    out.push_back(budgetLine(report));
    for (const TargetRecovery& t : report.recovery) {
        std::string line = "MTTR " + t.target + ": " + (t.mttrSeconds ? decimalText(*t.mttrSeconds, 1) + " s" : "-") +
                           " (" + std::to_string(t.recovered) + " recovered";
        if (t.unrecovered > 0) line += ", " + std::to_string(t.unrecovered) + " never";
        out.push_back(line + ")");
    }
    out.push_back(latencyLine(report));
    out.push_back(blastLine(report));
    return out;
}

std::string ResilienceBreakdown::headlineLine(const ResilienceReport& r) {
    std::string verdict{scoreVerdictName(r.verdict)};
    for (char& c : verdict) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string reason = verdictReason(r);
    return verdict + (reason.empty() ? "" : ": " + reason) + "; " + scoreText(r);
}

std::string ResilienceBreakdown::verdictReason(const ResilienceReport& r) {
    if (r.reasons.empty()) return "";
    const std::size_t more = r.reasons.size() - 1;
    if (more == 0) return r.reasons.front();
    return r.reasons.front() + " (and " + std::to_string(more) + " more reason" + (more == 1 ? "" : "s") + ")";
}

std::string ResilienceBreakdown::scoreText(const ResilienceReport& r) {
    if (!r.headline) return "no score";
    return "score " + decimalText(*r.headline, 1) + " (pass mark " + decimalText(r.passScore, 0) + ")";
}

std::string ResilienceBreakdown::steadyLine(const SteadyState& s) {
    std::string line = s.judged ? "steady state " : "steady state so far ";
    line += std::to_string(s.good) + "/" + std::to_string(s.total) + " good";
    if (s.percent) line += " (" + decimalText(*s.percent, 1) + " %)";
    line += s.met ? ": met" : ": not met";
    if (!s.met && !s.reason.empty()) line += " (" + s.reason + ")";
    return line;
}

std::string ResilienceBreakdown::actionLine(const ActionScore& a) {
    std::string line = std::string{disruptionKindName(a.action.kind)} + " " + a.action.target;
    if (!a.action.pod.empty()) line += " (" + a.action.pod + ")";
    line += " at " + decimalText(a.atSeconds, 1) + " s, weight " + decimalText(a.weight, 1) + ": a " +
            std::to_string(a.good) + "/" + std::to_string(a.total) + " in " + decimalText(a.windowSeconds, 1) + " s (" +
            std::string{windowEndName(a.windowEnd)} + "), recovery " +
            (a.recoverySeconds ? decimalText(*a.recoverySeconds, 1) + " s" : std::string{"-"}) + ", r " +
            decimalText(a.recovery, 3) + ", score " + (a.score ? decimalText(*a.score, 1) : std::string{"-"});
    if (!a.note.empty()) line += " (" + a.note + ")";
    return line;
}

std::string ResilienceBreakdown::budgetLine(const ResilienceReport& r) {
    std::string line = "error budget at SLO " + decimalText(r.sloPercent, 1) + " %: " + std::to_string(r.bad) +
                       " bad of " + std::to_string(r.requests) + " (" + decimalText(r.allowedBad, 1) +
                       " allowed), left ";
    line += r.budgetLeft ? decimalText(100.0 * *r.budgetLeft, 1) + " %" : std::string{"-"};
    line += ", burn rate " + (r.burnRate ? decimalText(*r.burnRate, 2) : std::string{"-"});
    if (r.budgetSpent) line += ", spent";
    return line;
}

std::string ResilienceBreakdown::latencyLine(const ResilienceReport& r) {
    return "latency before chaos p50 " + ms(r.p50BeforeMs) + ", p99 " + ms(r.p99BeforeMs) + "; during chaos p50 " +
           ms(r.p50DuringMs) + ", p99 " + ms(r.p99DuringMs);
}

std::string ResilienceBreakdown::blastLine(const ResilienceReport& r) {
    std::string line = "blast radius: ";
    if (r.worstOutage) {
        const ServiceOutage& o = *r.worstOutage;
        line += o.service + " " + std::to_string(o.down) + " of " + std::to_string(o.of) + " pods down (" +
                decimalText(o.percent, 1) + " %) at " + decimalText(o.at.seconds(), 1) + " s";
    } else {
        line += "no service lost a pod";
    }
    line += "; ";
    if (r.deadTraffic) {
        line += decimalText(r.deadTraffic->percent, 1) + " % of reviews traffic on " + r.deadTraffic->versions +
                " with no Ready pod at " + decimalText(r.deadTraffic->at.seconds(), 1) + " s";
    } else {
        line += "no traffic weighted onto a version without Ready pods";
    }
    return line;
}

}  // namespace meshlings::world
