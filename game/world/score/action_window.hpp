#pragma once
// The window one disruptive action opens, and its recovery.
//
// Window (availability a): the probe requests answered in [opened, closes),
// where closes is opened + the window length (60 s), cut short by the next
// action (whatever its target) or by the end of the session: each request
// counts against the latest action before it, never against two.
//
// Recovery: the first good probe request answered at or after the action
// and, for a pod delete, at or after a replacement pod of the Deployment was
// seen Ready (a pod of it that was not Ready when the action was taken, and
// not the deleted pod). It is followed past the window's end, until the
// session ends; a later bad request does not undo it (it lowers a instead).
// Owned by the ResilienceScore, one per action.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "world/model/pod_observation.hpp"
#include "world/model/tick.hpp"
#include "world/score/disruption.hpp"

namespace meshlings::world {

enum class WindowEnd : std::uint8_t {
    Open,        // still counting
    Length,      // ran its full length
    NextAction,  // cut short by the next action
    SessionEnd,  // the session ended (or was halted) first
};

std::string_view windowEndName(WindowEnd end);  // "open", "full length", "next action", "session end"

class ActionWindow {
public:
    // `readyPods`: the target Deployment's pods Ready when the action was
    // taken (PodDelete only; none of them counts as the replacement).
    ActionWindow(Disruption action, Tick opened, std::int64_t lengthTicks, std::set<std::string> readyPods = {});

    void observeProbe(Tick at, bool good);
    void observePod(Tick at, const PodObservation& pod);
    // The next action, at `at`.
    void cutAt(Tick at);
    // The session ended at `at`: nothing more is counted or recovered.
    void finish(Tick at);

    // `at` falls in the window as it stands (while the window is open, in
    // [opened, opened + length)).
    bool covers(Tick at) const { return !m_ended && at >= m_opened && at < m_closes; }
    WindowEnd end(Tick now) const;

    const Disruption& action() const { return m_action; }
    Tick opened() const { return m_opened; }
    Tick closes() const { return m_closes; }  // the window's end as it stands
    std::uint64_t good() const { return m_good; }
    std::uint64_t total() const { return m_total; }
    // good / total; nullopt when no request fell in the window.
    std::optional<double> availability() const;
    bool needsReplacement() const { return m_action.kind == DisruptionKind::PodDelete; }
    std::optional<Tick> replacementReady() const { return m_replacementReady; }
    std::optional<Tick> recovered() const { return m_recovered; }
    std::optional<std::int64_t> recoveryTicks() const;
    bool ended() const { return m_ended; }

private:
    Disruption m_action;
    Tick m_opened;
    Tick m_closes;
    WindowEnd m_endReason = WindowEnd::Open;  // once cut or ended
    bool m_ended = false;
    std::set<std::string> m_readyPods;
    std::uint64_t m_good = 0;
    std::uint64_t m_total = 0;
    std::optional<Tick> m_replacementReady;
    std::optional<Tick> m_recovered;
};

}  // namespace meshlings::world
