#pragma once
// The session's safety rules, apart from what they act on: the RoutingGuard
// (a cluster other than the in-process built-in one: routing saved before the
// first change, restored at the end by restoreAtEnd()), the routing as found
// at the start (the built-in cluster), the halt (a key, a pad button,
// SIGUSR1) with its RoutingRescue retrying the restore until it works, the
// dead man's switch (contact with the API server lost after having had it
// halts the same way), the connection doctor's fatal verdict (a step the
// game cannot do without failed, e.g. permissions: halts naming it, and the
// session cannot do what it is for) and arming (leaving dry run). What is stopped and what
// is armed belongs to the session and is reached through the Hooks; the
// controller owns the guard, the routing at the start and the rescue.
#include <functional>
#include <memory>
#include <string>

#include "app/cluster_target.hpp"
#include "app/routing_at_start.hpp"
#include "app/routing_rescue.hpp"
#include "bridge/routing_guard.hpp"
#include "world/model/cluster_request.hpp"
#include "world/model/command.hpp"

namespace meshlings::app {

class SafetyController {
public:
    struct Hooks {
        std::function<void()> quiesce;  // stop the automatic callers; may wait for a call in flight
        std::function<void()> arm;      // every caller leaves dry run
    };

    // `target` must outlive the controller.
    SafetyController(const ClusterTarget& target, Hooks hooks);
    ~SafetyController();
    SafetyController(const SafetyController&) = delete;
    SafetyController& operator=(const SafetyController&) = delete;

    // Null on the in-process built-in cluster (it ends with the process) and without a cluster.
    bridge::RoutingGuard* routingGuard() const { return m_guard.get(); }
    // The built-in cluster: reads the routing a halt puts back. A problem as a note line, or empty.
    std::string readRoutingAtStart();

    // The emergency stop; only the first counts, and none after restoreAtEnd(). True when this call halted.
    bool halt(const std::string& why);
    bool halted() const { return m_halted; }
    // True once the routing is back after a halt (or there was nothing to put back).
    bool rescued() const { return m_rescue && m_rescue->finished(); }
    // The banner's words on the halt and the rescue's progress, or empty.
    std::string haltLine() const;
    // What halted the session ("SIGUSR1", "the connection doctor (...)"), or empty.
    const std::string& haltReason() const { return m_haltReason; }
    // Once per tick with the world's connection: the dead man's switch halts when contact is lost after having
    // been had; a Failed connection (the doctor's fatal step, on a cluster) halts naming it. True when it halted.
    bool watch(const world::ConnectionChanged& connection, bool contactLost);
    // The doctor's fatal verdict as "step permissions: missing: ...", once one came; empty before.
    const std::string& connectionFailure() const { return m_connectionFailure; }

    // Leaves dry run (Hooks::arm) once, when there is a cluster. True when this call armed.
    bool arm();
    bool armed() const { return m_armed; }

    // The end of the session: stops the rescue, quiesces and restores through the guard. Idempotent.
    void restoreAtEnd();
    // The summary's "routing: ..." line after restoreAtEnd(), or empty.
    const std::string& routingLine() const { return m_routingLine; }
    // True after restoreAtEnd() met a conflict, a refusal or a failure: the saved state is left for `meshlings
    // restore`.
    bool routingLeftUnrestored() const { return m_unrestored; }

private:
    RescueAttempt rescueOnce();

    const ClusterTarget& m_target;
    Hooks m_hooks;
    std::unique_ptr<bridge::RoutingGuard> m_guard;
    std::unique_ptr<RoutingAtStart> m_routingAtStart;
    std::unique_ptr<RoutingRescue> m_rescue;  // after a halt; stopped before what it quiesces goes
    std::string m_haltReason;
    std::string m_connectionFailure;
    std::string m_routingLine;
    bool m_armed;
    bool m_halted = false;
    bool m_hadContact = false;
    bool m_ended = false;
    bool m_unrestored = false;
};

}  // namespace meshlings::app
