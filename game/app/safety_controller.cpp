#include "app/safety_controller.hpp"

#include <iostream>

namespace meshlings::app {

namespace {

std::unique_ptr<bridge::RoutingGuard> makeRoutingGuard(const ClusterTarget& target) {
    if (target.builtIn() || !target.restConfig()) return nullptr;  // the in-process cluster ends with the process
    return std::make_unique<bridge::RoutingGuard>(*target.restConfig());
}

}  // namespace

SafetyController::SafetyController(const ClusterTarget& target, Hooks hooks)
    : m_target(target), m_hooks(std::move(hooks)), m_guard(makeRoutingGuard(target)), m_armed(target.armed()) {}

SafetyController::~SafetyController() {
    m_rescue.reset();
}

std::string SafetyController::readRoutingAtStart() {
    if (!m_target.builtIn()) return "";
    try {
        m_routingAtStart = std::make_unique<RoutingAtStart>(*m_target.restConfig());
    } catch (const std::exception& e) {
        return std::string("cannot read the routing at the start (a halt will not put it back): ") + e.what();
    }
    return "";
}

bool SafetyController::halt(const std::string& why) {
    if (m_halted || m_ended) return false;
    m_halted = true;
    m_haltReason = why;
    std::cerr << "meshlings: HALTED by " << why << ": automatic chaos stopped, restoring the routing\n";
    m_rescue = std::make_unique<RoutingRescue>(m_hooks.quiesce, [this] { return rescueOnce(); });
    return true;
}

std::string SafetyController::haltLine() const {
    if (!m_halted) return "";
    std::string routing = "routing restored";
    if (!m_rescue || !m_rescue->finished()) {
        routing = "restoring the routing";
        if (m_rescue && m_rescue->attempts() > 0) routing += " (retrying: " + m_rescue->lastText() + ")";
    } else if (!m_rescue->lastText().empty()) {
        routing = m_rescue->lastText();
    }
    return "HALTED by " + m_haltReason + ": chaos is off for the rest of this session; " + routing;
}

// Runs on the rescue's thread, after Hooks::quiesce.
RescueAttempt SafetyController::rescueOnce() {
    if (m_guard) {
        const bridge::RestoreReport report = m_guard->restore();
        if (report.ok()) return {true, report.steps.empty() ? "routing untouched" : "routing restored"};
        for (const auto& step : report.steps) {
            if (step.result == bridge::RestoreResult::Conflict || step.result == bridge::RestoreResult::Refused) {
                return {true,
                        "routing NOT restored: changed by someone else meanwhile (`meshlings restore` reports it)"};
            }
        }
        return {false, report.problem.empty() ? report.text() : report.problem};
    }
    if (m_routingAtStart) {
        m_routingAtStart->restore();
        return {true, "routing restored"};
    }
    return {true, "no routing to restore"};
}

bool SafetyController::watch(const world::ConnectionChanged& connection, bool contactLost) {
    // Failed comes from the connection doctor (a step the game cannot do without), not from a lost link: without
    // a cluster it only says there is none.
    if (connection.state == world::ConnectionState::Failed && m_target.restConfig()) {
        if (m_connectionFailure.empty()) {
            m_connectionFailure =
                "step " + (connection.failedStep.empty() ? "?" : connection.failedStep) + ": " + connection.message;
        }
        return halt("the connection doctor (" + m_connectionFailure + ")");
    }
    if (connection.state == world::ConnectionState::Connected) m_hadContact = true;
    // A watch cut and resumed shows as Lost until its next event: contact is
    // lost only when the link failed again after that (contactLost).
    const bool lost = connection.state == world::ConnectionState::Lost && contactLost;
    if (lost && m_hadContact) return halt("the dead man's switch (lost contact with the API server)");
    return false;
}

bool SafetyController::arm() {
    if (m_armed || !m_target.restConfig()) return false;
    m_armed = true;
    if (m_hooks.arm) m_hooks.arm();
    return true;
}

void SafetyController::restoreAtEnd() {
    if (m_ended) return;
    m_ended = true;
    m_rescue.reset();
    if (!m_guard) return;
    if (m_hooks.quiesce) m_hooks.quiesce();  // no routing change may follow the restore
    const bridge::RestoreReport report = m_guard->restore();
    if (report.steps.empty() && report.problem.empty()) {
        m_routingLine = m_guard->leftover().empty() ? "routing: as before the session (nothing left to restore)"
                                                    : "routing: NOT changed; " + m_guard->leftover();
        return;
    }
    std::cerr << "meshlings: restoring the routing:\n" << report.text();
    if (report.ok()) {
        m_routingLine = "routing: restored as it was before the session";
        return;
    }
    m_unrestored = true;
    m_routingLine = "routing: NOT fully restored (see above); the saved state stays in " + m_guard->statePath() +
                    " for `meshlings restore`";
    std::cerr << "meshlings: " << m_routingLine << "\n";
}

}  // namespace meshlings::app
