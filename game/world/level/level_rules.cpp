#include "world/level/level_rules.hpp"

#include <algorithm>

namespace meshlings::world {
namespace {

// "reviews-v3" -> V3; anything else -> None.
common::ReviewsVersion versionOfDeployment(const std::string& deployment) {
    if (!deployment.starts_with("reviews-")) return common::ReviewsVersion::None;
    return common::reviewsVersionFromName(std::string_view{deployment}.substr(8))
        .value_or(common::ReviewsVersion::None);
}

}  // namespace

std::string_view levelResultName(LevelResult result) {
    switch (result) {
        case LevelResult::InProgress:
            return "in-progress";
        case LevelResult::Won:
            return "won";
        case LevelResult::Lost:
            return "lost";
        case LevelResult::Sandbox:
            return "sandbox";
    }
    return "?";
}

LevelRules::LevelRules(const Level& level)
    : m_limitTicks(level.sandbox ? 0 : ticksFromSeconds(level.timeLimitSeconds)),  // a sandbox never ends
      m_sandbox(level.sandbox),
      m_result(level.sandbox ? LevelResult::Sandbox : LevelResult::InProgress) {
    if (!m_sandbox) {
        for (const Objective& o : level.objectives) m_trackers.emplace_back(o, level.sloPercent);
    }
    m_reported.assign(m_trackers.size(), ObjectiveStatus::InProgress);
    for (const ScriptedChange& change : level.script) {
        const common::ReviewsVersion v = versionOfDeployment(change.change.deployment);
        if (v != common::ReviewsVersion::None) m_scriptedTrouble.emplace_back(ticksFromSeconds(change.atSecond), v);
    }
}

void LevelRules::onDeleteAccepted(const std::string& deployment) {
    if (ended()) return;
    for (ObjectiveTracker& t : m_trackers) t.onDeleteAccepted(deployment);
}

void LevelRules::onWeightsObserved(const ReviewsWeights& weights) {
    if (ended()) return;
    for (ObjectiveTracker& t : m_trackers) t.onWeightsObserved(weights);
}

void LevelRules::misbehaving(common::ReviewsVersion version) {
    if (ended() || version == common::ReviewsVersion::None || !m_started) return;
    for (ObjectiveTracker& t : m_trackers) t.onMisbehaving(version, m_elapsed);
}

void LevelRules::onProbe(const ProbeResult& probe) {
    const bool reviewsBroke =
        probe.failedAt == common::PagePart::Reviews || probe.failedAt == common::PagePart::Ratings;
    if (probe.outcome != common::PageOutcome::Full && reviewsBroke) misbehaving(probe.reviewsVersion);
}

void LevelRules::onPodObserved(const PodObservation& pod) {
    if (pod.state == PodState::CrashLoopBackOff) misbehaving(versionOfDeployment(pod.deployment));
}

std::optional<std::int64_t> LevelRules::ticksLeft() const {
    if (m_limitTicks <= 0) return std::nullopt;
    return std::max<std::int64_t>(0, m_limitTicks - m_elapsed);
}

std::vector<ObjectiveProgress> LevelRules::objectives(const RequestStats& stats) const {
    std::vector<ObjectiveProgress> list;
    for (const ObjectiveTracker& t : m_trackers) list.push_back(t.progress(stats));
    return list;
}

void LevelRules::reportChanges(EffectSink& effects) {
    for (std::size_t i = 0; i < m_trackers.size(); ++i) {
        const ObjectiveStatus now = m_trackers[i].status();
        if (now == m_reported[i]) continue;
        m_reported[i] = now;
        const std::string text = m_trackers[i].objective().text.empty()
                                     ? defaultObjectiveText(m_trackers[i].objective())
                                     : m_trackers[i].objective().text;
        effects.emit(Message{MessageKind::Objective,
                             (now == ObjectiveStatus::Met ? "Objective met: " : "Objective failed: ") + text});
    }
}

void LevelRules::end(const RequestStats& stats, EffectSink& effects) {
    for (ObjectiveTracker& t : m_trackers) t.finish(stats);
    reportChanges(effects);
    const bool won = std::all_of(m_trackers.begin(), m_trackers.end(),
                                 [](const ObjectiveTracker& t) { return t.status() == ObjectiveStatus::Met; });
    m_result = won ? LevelResult::Won : LevelResult::Lost;
    effects.emit(Message{MessageKind::Result, won ? "Level complete" : "Level failed"});
}

bool LevelRules::step(bool clockRuns, const RequestStats& stats, EffectSink& effects) {
    if (!clockRuns) return false;
    if (m_result == LevelResult::Sandbox) {  // no end, but the clock still shows how long it has run
        ++m_elapsed;
        return false;
    }
    if (m_result != LevelResult::InProgress) return false;
    m_started = true;
    for (const auto& [at, version] : m_scriptedTrouble) {
        if (at == m_elapsed) misbehaving(version);
    }
    for (ObjectiveTracker& t : m_trackers) t.update(stats, m_elapsed);
    ++m_elapsed;
    reportChanges(effects);

    const bool anyFailed = std::any_of(m_trackers.begin(), m_trackers.end(),
                                       [](const ObjectiveTracker& t) { return t.status() == ObjectiveStatus::Failed; });
    bool timeUp = m_limitTicks > 0 && m_elapsed >= m_limitTicks;
    if (m_limitTicks <= 0) {
        const bool hasAchievements = std::any_of(m_trackers.begin(), m_trackers.end(),
                                                 [](const ObjectiveTracker& t) { return t.isAchievement(); });
        const bool allAchieved = std::all_of(m_trackers.begin(), m_trackers.end(), [](const ObjectiveTracker& t) {
            return !t.isAchievement() || t.status() == ObjectiveStatus::Met;
        });
        if (hasAchievements && allAchieved && !m_allAchievedAt) m_allAchievedAt = m_elapsed;
        timeUp = m_allAchievedAt && m_elapsed - *m_allAchievedAt >= kSettleTicks;
    }
    if (!anyFailed && !timeUp) return false;
    end(stats, effects);
    return true;
}

}  // namespace meshlings::world
