#pragma once
// Gathers a session's drill report: listens to the world's commands to keep
// the probe's timeline,
// notes the wall-clock start, and at the end builds the DrillRecord from the
// world's resilience report and writes journal.json, report.md and the SVG
// charts into a folder (game/report).
#include <filesystem>
#include <iosfwd>
#include <string>

#include "report/drill_record.hpp"
#include "report/drill_timeline.hpp"

namespace meshlings::app {

class GameSession;

class SessionReporter {
public:
    // `session` must outlive the reporter; call before session.start().
    explicit SessionReporter(GameSession& session);

    // Builds the record now; `summary` is the session's summary text (its
    // "routing:" line is the rollback). A refused namespace is among its reasons; a session halted before
    // the level ended has the verdict "halted", naming what halted it.
    report::DrillRecord record(const std::string& summary) const;
    // Writes `record` into `folder` and says so on stdout, or says on stderr
    // (as `meshlings COMMAND: ...`) why it could not; true when written.
    static bool writeAndSay(const report::DrillRecord& record, const std::filesystem::path& folder,
                            const std::string& command);

private:
    GameSession& m_session;
    report::DrillTimeline m_timeline;
    double m_startedAt;
};

}  // namespace meshlings::app
