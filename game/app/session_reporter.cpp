#include "app/session_reporter.hpp"

#include <chrono>
#include <iostream>
#include <sstream>

#include "app/game_session.hpp"
#include "app/refusal_log.hpp"
#include "report/drill_report.hpp"

namespace meshlings::app {
namespace {

double nowEpoch() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

SessionReporter::SessionReporter(GameSession& session)
    : m_session(session),
      m_timeline(session.world().resilience().config().latencyObjectiveMs),
      m_startedAt(nowEpoch()) {
    m_session.addCommandListener([this](world::Tick at, const world::Command& command) {
        if (const auto* probe = std::get_if<world::ProbeObserved>(&command)) m_timeline.observe(at, probe->probe);
    });
}

report::DrillRecord SessionReporter::record(const std::string& summary) const {
    std::vector<std::string> rollbacks;
    std::vector<std::string> refusals;  // RefusalLog's lines: why actions were refused, in the report too
    std::istringstream lines(summary);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("routing: ", 0) == 0) rollbacks.push_back(line.substr(9));
        if (line.rfind(RefusalLog::kSummaryPrefix, 0) == 0) refusals.push_back(line);
    }
    const world::World& world = m_session.world();
    world::ResilienceReport score = world.resilience().report();
    if (m_session.halted() && score.verdict == world::ScoreVerdict::Pending) {
        // Ended before the level did (the doctor's fatal step ends a drill at once): halted, and why.
        score.verdict = world::ScoreVerdict::Halted;
        score.reasons.push_back("halted by " + m_session.haltReason());
    }
    if (!m_session.namespaceRefusal().empty()) {
        score.reasons.push_back("REFUSED, no change was made: " + m_session.namespaceRefusal());
    }
    score.reasons.insert(score.reasons.end(), refusals.begin(), refusals.end());
    report::DrillRecord record = report::DrillRecord::make(world.level(), world.resilience().config(), score,
                                                           m_timeline, m_startedAt, nowEpoch(), std::move(rollbacks));
    record.armed = m_session.armed();
    return record;
}

bool SessionReporter::writeAndSay(const report::DrillRecord& record, const std::filesystem::path& folder,
                                  const std::string& command) {
    try {
        report::DrillReport::write(record, folder);
    } catch (const std::exception& e) {
        std::cerr << "meshlings " << command << ": " << e.what() << "\n";
        return false;
    }
    std::cout << "report: " << folder.string() << " (journal.json, report.md, availability.svg, recovery.svg), status "
              << record.status() << std::endl;
    return true;
}

}  // namespace meshlings::app
