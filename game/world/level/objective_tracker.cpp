#include "world/level/objective_tracker.hpp"

#include <algorithm>

#include "world/model/decimal_text.hpp"
#include "world/score/error_budget.hpp"

namespace meshlings::world {
namespace {

std::string percentWithSign(double value) {
    return decimalText(value) + " %";
}

bool deploymentMatches(const std::string& target, const std::string& deployment) {
    return target.empty() || deployment == target || deployment.starts_with(target + "-");
}

}  // namespace

std::string_view objectiveStatusName(ObjectiveStatus status) {
    switch (status) {
        case ObjectiveStatus::InProgress:
            return "in-progress";
        case ObjectiveStatus::Met:
            return "met";
        case ObjectiveStatus::Failed:
            return "failed";
    }
    return "?";
}

std::string defaultObjectiveText(const Objective& o) {
    switch (o.kind) {
        case ObjectiveKind::KeepServed:
            return "Keep " + percentWithSign(o.percent) + " of requests served";
        case ObjectiveKind::DeletePods:
            return "Delete " + std::to_string(o.count) + " pods" + (o.target.empty() ? "" : " of " + o.target);
        case ObjectiveKind::ShiftTraffic:
            return "Move " + percentWithSign(o.percent) + " of reviews traffic to " + o.version + " in " +
                   std::to_string(o.count) + " steps or more";
        case ObjectiveKind::ShiftAwayFrom:
            return "Shift traffic away from " + o.version + " within " + std::to_string(o.withinSeconds) + " s";
        case ObjectiveKind::KeepP99Below:
            return "Keep p99 under " + std::to_string(o.milliseconds) + " ms";
        case ObjectiveKind::Survive:
            return "Stay within the error budget";
    }
    return "?";
}

ObjectiveTracker::ObjectiveTracker(const Objective& objective, double sloPercent)
    : m_objective(objective), m_sloPercent(sloPercent) {
    m_version = common::reviewsVersionFromName(objective.version).value_or(common::ReviewsVersion::None);
}

bool ObjectiveTracker::isAchievement() const {
    const ObjectiveKind k = m_objective.kind;
    return k == ObjectiveKind::DeletePods || k == ObjectiveKind::ShiftTraffic || k == ObjectiveKind::ShiftAwayFrom;
}

void ObjectiveTracker::onDeleteAccepted(const std::string& deployment) {
    if (m_objective.kind != ObjectiveKind::DeletePods || m_status != ObjectiveStatus::InProgress) return;
    if (!deploymentMatches(m_objective.target, deployment)) return;
    if (++m_deleted >= m_objective.count) m_status = ObjectiveStatus::Met;
}

void ObjectiveTracker::onWeightsObserved(const ReviewsWeights& weights) {
    m_weights = weights;
    if (m_status != ObjectiveStatus::InProgress || !weights.defined) return;
    const int share = weights.weightOf(m_version);
    if (m_objective.kind == ObjectiveKind::ShiftTraffic) {
        if (share > m_heldShare) {
            if (m_risingShare != share) m_risingSince = m_levelTick;  // a new rise starts its hold again
            m_risingShare = share;
        } else {
            m_risingShare.reset();  // fell back before it was held: no step
            m_risingSince.reset();
        }
        // Reaching the share with too few steps before it fails at once (the last one may yet be held).
        if (share >= m_objective.percent && m_steps + 1 < m_objective.count) m_status = ObjectiveStatus::Failed;
    }
    if (m_objective.kind == ObjectiveKind::ShiftAwayFrom && m_misbehavingSince && share == 0) {
        m_status = ObjectiveStatus::Met;
    }
}

void ObjectiveTracker::stepHeld(std::int64_t levelTick) {
    if (!m_risingShare || !m_risingSince || levelTick - *m_risingSince < kStepHoldTicks) return;
    ++m_steps;
    m_heldShare = *m_risingShare;
    m_risingShare.reset();
    m_risingSince.reset();
    if (m_heldShare >= m_objective.percent) {
        m_status = m_steps >= m_objective.count ? ObjectiveStatus::Met : ObjectiveStatus::Failed;
    }
}

void ObjectiveTracker::onMisbehaving(common::ReviewsVersion version, std::int64_t levelTick) {
    if (m_objective.kind != ObjectiveKind::ShiftAwayFrom || version != m_version || m_misbehavingSince) return;
    m_misbehavingSince = levelTick;
    if (m_weights && m_weights->defined && m_weights->weightOf(m_version) == 0) m_status = ObjectiveStatus::Met;
}

void ObjectiveTracker::update(const RequestStats&, std::int64_t levelTick) {
    m_levelTick = levelTick;
    if (m_status != ObjectiveStatus::InProgress) return;
    if (m_objective.kind == ObjectiveKind::ShiftTraffic) return stepHeld(levelTick);
    if (m_objective.kind != ObjectiveKind::ShiftAwayFrom) return;
    if (m_misbehavingSince && levelTick - *m_misbehavingSince > ticksFromSeconds(m_objective.withinSeconds)) {
        m_status = ObjectiveStatus::Failed;
    }
}

bool ObjectiveTracker::holds(const RequestStats& stats) const {
    switch (m_objective.kind) {
        case ObjectiveKind::KeepServed: {
            const auto share = stats.sessionSuccessPercent();
            return share && *share >= m_objective.percent;
        }
        case ObjectiveKind::KeepP99Below: {
            const auto p99 = p99Of(stats);
            return p99 && *p99 < m_objective.milliseconds;
        }
        case ObjectiveKind::Survive:
            return !ErrorBudget::spentOf(m_sloPercent, stats.total(), stats.total() - stats.good());
        case ObjectiveKind::ShiftAwayFrom:
            return !m_misbehavingSince;  // it never misbehaved: nothing to do
        case ObjectiveKind::DeletePods:
        case ObjectiveKind::ShiftTraffic:
            break;
    }
    return false;
}

std::optional<int> ObjectiveTracker::p99Of(const RequestStats& stats) const {
    return m_objective.lastWindow ? stats.windowPercentileMs(99) : stats.sessionPercentileMs(99);
}

void ObjectiveTracker::finish(const RequestStats& stats) {
    if (m_status != ObjectiveStatus::InProgress) return;
    m_status = holds(stats) ? ObjectiveStatus::Met : ObjectiveStatus::Failed;
}

std::string ObjectiveTracker::holdProgress(const RequestStats& stats, double& fraction) const {
    switch (m_objective.kind) {
        case ObjectiveKind::KeepServed: {
            const auto share = stats.sessionSuccessPercent();
            fraction = share.value_or(0) / 100.0;
            return (share ? percentWithSign(*share) : std::string{"-"}) +
                   " served (>= " + percentWithSign(m_objective.percent) + ")";
        }
        case ObjectiveKind::KeepP99Below: {
            const auto p99 = p99Of(stats);
            fraction =
                p99 ? std::clamp(1.0 - *p99 / static_cast<double>(std::max(1, m_objective.milliseconds)), 0.0, 1.0)
                    : 0.0;
            return std::string(m_objective.lastWindow ? "p99 (last 30 s) " : "p99 (this session) ") +
                   (p99 ? std::to_string(*p99) + " ms" : std::string{"-"}) + " (< " +
                   std::to_string(m_objective.milliseconds) + " ms)";
        }
        case ObjectiveKind::Survive: {
            // The resilience score's figure: negative once overspent; only the bar stops at 0.
            const auto left = ErrorBudget::leftOf(m_sloPercent, stats.total(), stats.total() - stats.good());
            fraction = std::clamp(left.value_or(1.0), 0.0, 1.0);
            return "error budget " + (left ? percentWithSign(*left * 100.0) : std::string{"-"}) + " left";
        }
        default:
            break;
    }
    return {};
}

ObjectiveProgress ObjectiveTracker::progress(const RequestStats& stats) const {
    ObjectiveProgress p;
    p.text = m_objective.text.empty() ? defaultObjectiveText(m_objective) : m_objective.text;
    p.status = m_status;
    const int share = m_weights ? m_weights->weightOf(m_version) : 0;
    switch (m_objective.kind) {
        case ObjectiveKind::DeletePods:
            p.progress = std::to_string(m_deleted) + " / " + std::to_string(m_objective.count) + " pods";
            p.fraction = std::min(1.0, m_deleted / static_cast<double>(std::max(1, m_objective.count)));
            break;
        case ObjectiveKind::ShiftTraffic:
            p.progress = m_objective.version + " at " + std::to_string(share) + " %, " + std::to_string(m_steps) +
                         " steps held 3 s (>= " + std::to_string(m_objective.count) + ")";
            p.fraction = std::min(1.0, share / std::max(1.0, m_objective.percent));
            break;
        case ObjectiveKind::ShiftAwayFrom:
            p.progress = m_misbehavingSince
                             ? m_objective.version + " misbehaving: now at " + std::to_string(share) + " %"
                             : m_objective.version + " behaving";
            p.fraction = m_status == ObjectiveStatus::Met ? 1.0 : 0.0;
            break;
        default:
            p.progress = holdProgress(stats, p.fraction);
            p.atRisk = m_status == ObjectiveStatus::InProgress && !holds(stats);
            break;
    }
    if (m_status == ObjectiveStatus::Met) p.fraction = 1.0;
    return p;
}

}  // namespace meshlings::world
