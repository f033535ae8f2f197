#include "app/drill_command.hpp"

#include <iostream>

#include "app/cluster_target.hpp"
#include "app/credential_wait.hpp"
#include "app/game_session.hpp"
#include "app/level_catalog.hpp"
#include "app/refusal_log.hpp"
#include "app/session_loop.hpp"
#include "app/session_reporter.hpp"
#include "app/stop_signal.hpp"
#include "world/score/resilience_breakdown.hpp"

namespace meshlings::app {
namespace {

// Wall time allowed past the time limit for connecting and the level clock to start.
constexpr double kStartGraceSeconds = 60;

}  // namespace

DrillCommand::DrillCommand(CLI::App& parent) {
    m_command = parent.add_subcommand(
        "drill",
        "Run a level's chaos plan headless, with no player, and write the drill report (exit 0 pass, "
        "1 fail, 3 not scored or halted)");
    auto& o = m_options;
    m_command->add_option("--level", o.level, "A drill level: a file or an id from levels/ (needs a time limit)")
        ->required();
    m_command->add_option("--report", m_report, "Folder to write journal.json, report.md and the SVG charts into")
        ->required();
    o.cluster.addTo(*m_command);
    m_seedOption =
        m_command->add_option("--seed", m_seed, "Seed of the world's (and the built-in cluster's) random choices");
}

int DrillCommand::run() {
    const auto found = LevelCatalog().findOrSay(m_options.level, "drill");
    if (!found) return 2;
    const world::Level& level = *found;
    if (level.timeLimitSeconds <= 0 || level.sandbox) {
        std::cerr << "meshlings drill: " << level.sourceFile
                  << ": a drill level needs `time-limit-seconds` and objectives (not `sandbox: true`), so that it ends "
                     "and is scored\n";
        return 2;
    }
    const std::uint64_t seed = m_seedOption->count() > 0 ? m_seed : level.seed;
    const StopSignal stop;
    ClusterTarget target(m_options.cluster.target(seed));
    std::cout << "meshlings drill: level " << level.id << " (" << level.title << "), " << level.chaos.size()
              << " planned actions, " << level.timeLimitSeconds << " s, " << target.describe() << std::endl;
    if (!target.restConfig()) {  // no kubeconfig to read, or it names nothing usable: nothing to drill
        std::cerr << "meshlings drill: the drill cannot run: " << target.configProblem() << "\n";
        return 2;
    }
    if (!CredentialWait(target).waitOrStop(stop)) return 1;  // stopped before the drill began: no verdict

    RefusalLog effects(std::cout);
    GameSession session(level, seed, target, effects);
    SessionReporter reporter(session);
    session.start();
    SessionLoop loop(session, &stop);
    SessionLoop::Frame frame;
    // A fatal step of the connection doctor (e.g. permissions) ends the drill at once: it cannot be run.
    frame.done = [&session] { return session.world().rules().ended() || !session.connectionFailure().empty(); };
    frame.durationSeconds = level.timeLimitSeconds + kStartGraceSeconds;
    loop.run(frame);
    session.finish();
    if (!session.connectionFailure().empty()) {
        std::cout << "meshlings drill: stopped early, the drill cannot run: the connection doctor failed at "
                  << session.connectionFailure() << std::endl;
    }
    const std::string summary = session.summary(loop.clock().elapsed()) + effects.summaryLines();
    std::cout << summary;
    const report::DrillRecord record = reporter.record(summary);
    for (const auto& line : world::ResilienceBreakdown::lines(record.report)) std::cout << line << "\n";
    if (!SessionReporter::writeAndSay(record, m_report, "drill")) return 2;
    return record.exitCode();
}

}  // namespace meshlings::app
