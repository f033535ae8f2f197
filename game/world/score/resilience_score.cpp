#include "world/score/resilience_score.hpp"

#include <algorithm>
#include <utility>

#include "world/model/decimal_text.hpp"

namespace meshlings::world {
namespace {

std::string describe(const ActionScore& a) {
    return std::string{disruptionKindName(a.action.kind)} + " " + a.action.target + " at " + decimalText(a.atSeconds) +
           " s";
}

}  // namespace

ResilienceScore::ResilienceScore(ResilienceConfig config)
    : m_config(std::move(config)),
      m_rule(m_config.latencyObjectiveMs),
      m_curve(m_config.recoveryTargetTicks, m_config.recoveryLimitTicks),
      m_gate(m_config.steadyTicks, m_config.steadyPercent),
      m_budget(m_config.sloPercent) {}

void ResilienceScore::note(Tick at) {
    m_now = std::max(m_now, at);
}

void ResilienceScore::observeProbe(Tick at, const ProbeResult& probe) {
    if (finished()) return;
    note(at);
    const bool good = m_rule.isGood(probe);
    m_budget.add(good);
    if (!chaosStarted()) {
        m_gate.observe(at, good);
        m_before.add(probe.latencyMs);
        return;
    }
    bool during = false;
    for (ActionWindow& w : m_windows) {
        during = during || w.covers(at);
        w.observeProbe(at, good);
    }
    if (during) m_during.add(probe.latencyMs);
}

void ResilienceScore::observePod(Tick at, const PodObservation& pod) {
    if (finished()) return;
    note(at);
    std::set<std::string>& ready = m_readyPods[pod.deployment];
    if (pod.state == PodState::Ready) {
        ready.insert(pod.name);
    } else {
        ready.erase(pod.name);
    }
    m_blast.observePod(at, pod);
    for (ActionWindow& w : m_windows) w.observePod(at, pod);
}

void ResilienceScore::podGone(Tick at, const std::string& name) {
    if (finished()) return;
    note(at);
    for (auto& [deployment, ready] : m_readyPods) ready.erase(name);
    m_blast.podGone(at, name);
}

void ResilienceScore::observeWeights(Tick at, const ReviewsWeights& weights) {
    if (finished()) return;
    note(at);
    m_blast.observeWeights(at, weights);
}

void ResilienceScore::actionTaken(Tick at, Disruption action) {
    if (finished()) return;
    note(at);
    if (!chaosStarted()) {
        m_steady = m_gate.judge(at);
        m_blast.startMeasuring(at);
    }
    for (ActionWindow& w : m_windows) w.cutAt(at);  // what follows is the new action's doing
    std::set<std::string> ready;
    if (action.kind == DisruptionKind::PodDelete) ready = m_readyPods[action.target];
    m_windows.emplace_back(std::move(action), at, m_config.windowTicks, std::move(ready));
}

void ResilienceScore::dryRunTaken(Tick at, Disruption action) {
    if (finished()) return;
    note(at);
    m_dryRuns.push_back(DryRunAction{std::move(action), at.seconds()});
}

void ResilienceScore::halt(Tick at, std::string reason) {
    if (finished()) return;
    m_haltReason = std::move(reason);
    finish(at);
}

void ResilienceScore::finish(Tick at) {
    if (finished()) return;
    note(at);
    m_endedAt = at;
    for (ActionWindow& w : m_windows) w.finish(at);
}

SteadyState ResilienceScore::steadyState() const {
    if (m_steady) return *m_steady;
    SteadyState preview = m_gate.judge(m_endedAt.value_or(m_now + 1));  // as if chaos started now
    preview.judged = false;
    return preview;
}

ActionScore ResilienceScore::scoreOf(const ActionWindow& w) const {
    ActionScore s;
    s.action = w.action();
    s.atSeconds = w.opened().seconds();
    s.weight = m_config.weightOf(w.action().target);
    s.windowEnd = w.end(m_now);
    const Tick until = w.ended() ? w.closes() : std::min(w.closes(), m_now + 1);
    s.windowSeconds = Tick{until - w.opened()}.seconds();
    s.good = w.good();
    s.total = w.total();
    s.availability = w.availability();
    const std::optional<std::int64_t> ticks = w.recoveryTicks();
    if (ticks) s.recoverySeconds = Tick{*ticks}.seconds();
    s.recovery = m_curve.factor(ticks);
    if (!ticks && w.ended()) {
        s.note = "not recovered when the session ended, " + decimalText(Tick{*m_endedAt - w.opened()}.seconds()) +
                 " s after the action: r = 0";
    } else if (!ticks) {
        s.note = "not recovered yet";
    } else if (*ticks >= m_curve.limitTicks()) {
        s.note = "recovered past the " + decimalText(Tick{m_curve.limitTicks()}.seconds()) + " s limit: r = 0";
    }
    if (!s.availability) {
        s.note = "no probe request in its window: not scored";
        return s;
    }
    s.score = 100.0 * (3.0 * *s.availability + s.recovery) / 4.0;
    return s;
}

std::vector<ActionScore> ResilienceScore::actionScores() const {
    std::vector<ActionScore> scores;
    scores.reserve(m_windows.size());
    for (const ActionWindow& w : m_windows) scores.push_back(scoreOf(w));
    return scores;
}

std::optional<double> ResilienceScore::headlineOf(const std::vector<ActionScore>& actions,
                                                  const SteadyState& steady) const {
    if (steady.judged && !steady.met) return std::nullopt;
    double weighted = 0;
    double weights = 0;
    for (const ActionScore& a : actions) {
        if (!a.score) continue;
        weighted += a.weight * *a.score;
        weights += a.weight;
    }
    if (weights <= 0) return std::nullopt;
    return weighted / weights;
}

void ResilienceScore::judge(ResilienceReport& r) const {
    if (!finished()) {
        r.verdict = ScoreVerdict::Pending;
        return;
    }
    if (m_haltReason) {
        r.verdict = ScoreVerdict::Halted;
        r.reasons.push_back("halted: " + *m_haltReason);
        return;
    }
    r.verdict = ScoreVerdict::NotScored;
    if (r.actions.empty() && !r.dryRuns.empty()) {
        r.reasons.push_back("dry run: nothing was sent to the cluster, so nothing broke (" +
                            std::to_string(r.dryRuns.size()) + " planned action" + (r.dryRuns.size() == 1 ? "" : "s") +
                            " not sent; --armed sends them)");
        return;
    }
    if (r.actions.empty()) {
        r.reasons.emplace_back("no disruptive action was taken: nothing to score");
        return;
    }
    if (!r.steady.met) {
        r.reasons.push_back("not steady: " + r.steady.reason);
        return;
    }
    if (!r.headline) {
        r.reasons.emplace_back("no probe request fell in any action's window: nothing to score");
        return;
    }
    if (r.budgetSpent) {
        r.reasons.push_back("error budget spent: " + std::to_string(r.bad) + " bad of " + std::to_string(r.requests) +
                            " requests, " + decimalText(r.allowedBad) + " allowed at SLO " + decimalText(r.sloPercent) +
                            " %");
    }
    if (*r.headline < m_config.passScore) {
        r.reasons.push_back("headline " + decimalText(*r.headline) + " below the pass mark " +
                            decimalText(m_config.passScore));
    }
    for (const ActionScore& a : r.actions) {
        if (!a.recoverySeconds) r.reasons.push_back(describe(a) + " never recovered");
    }
    r.verdict = r.reasons.empty() ? ScoreVerdict::Pass : ScoreVerdict::Fail;
}

std::vector<TargetRecovery> ResilienceScore::recoveryByTarget(const std::vector<ActionScore>& actions) const {
    std::map<std::string, std::pair<TargetRecovery, double>> byTarget;  // and the sum of recovered seconds
    for (const ActionScore& a : actions) {
        auto& [t, sum] = byTarget[a.action.target];
        t.target = a.action.target;
        if (a.recoverySeconds) {
            ++t.recovered;
            sum += *a.recoverySeconds;
        } else if (finished()) {
            ++t.unrecovered;
        }
    }
    std::vector<TargetRecovery> out;
    for (auto& [target, entry] : byTarget) {
        if (entry.first.recovered > 0) entry.first.mttrSeconds = entry.second / entry.first.recovered;
        out.push_back(std::move(entry.first));
    }
    return out;
}

ResilienceReport ResilienceScore::judged() const {
    ResilienceReport r;
    r.steady = steadyState();
    r.actions = actionScores();
    r.dryRuns = m_dryRuns;
    r.passScore = m_config.passScore;
    r.headline = headlineOf(r.actions, r.steady);
    r.sloPercent = m_budget.sloPercent();
    r.requests = m_budget.total();
    r.bad = m_budget.bad();
    r.allowedBad = m_budget.allowedBad();
    r.budgetLeft = m_budget.left();
    r.burnRate = m_budget.burnRate();
    r.budgetSpent = m_budget.spent();
    judge(r);
    return r;
}

ResilienceReport ResilienceScore::report() const {
    ResilienceReport r = judged();
    r.recovery = recoveryByTarget(r.actions);
    r.p50BeforeMs = m_before.percentileMs(50);
    r.p99BeforeMs = m_before.percentileMs(99);
    r.p50DuringMs = m_during.percentileMs(50);
    r.p99DuringMs = m_during.percentileMs(99);
    r.worstOutage = m_blast.worstOutage();
    r.deadTraffic = m_blast.worstDeadTraffic();
    return r;
}

ResilienceSummary ResilienceScore::summary() const {
    const ResilienceReport r = judged();
    ResilienceSummary s;
    s.verdict = r.verdict;
    s.headline = r.headline;
    s.steadyJudged = r.steady.judged;
    s.steady = r.steady.met;
    s.actions = r.actions.size();
    s.budgetLeft = r.budgetLeft;
    s.burnRate = r.burnRate;
    if (!r.reasons.empty()) {
        s.reason = r.reasons.front();
    } else if (r.steady.judged && !r.steady.met) {
        s.reason = "not steady: " + r.steady.reason;
    }
    return s;
}

}  // namespace meshlings::world
