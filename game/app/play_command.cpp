#include "app/play_command.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

#include "app/cluster_target.hpp"
#include "app/credential_wait.hpp"
#include "app/game_session.hpp"
#include "app/game_window.hpp"
#include "app/level_catalog.hpp"
#include "app/refusal_log.hpp"
#include "app/session_loop.hpp"
#include "app/session_reporter.hpp"
#include "app/stop_signal.hpp"

namespace meshlings::app {

PlayCommand::PlayCommand(CLI::App& parent) {
    m_command =
        parent.add_subcommand("play", "Play (the default): the built-in cluster, or a real one with --kubeconfig");
    m_command->footer(
        "Exit codes: 0 played; 1 could not start (or a report or screenshot could not be written); 2 bad usage or a "
        "bad level file; 4 played, but the routing could not all be put back at the end (a conflict: see "
        "`meshlings restore`)");
    auto& o = m_options;
    o.cluster.addTo(*m_command);
    m_command->add_option("--level", o.level, "A level file or id from levels/ (default: free-play)");
    m_seedOption =
        m_command->add_option("--seed", m_seed, "Seed of the world's (and the built-in cluster's) random choices");
    m_command->add_flag("--fullscreen", o.fullscreen, "Fill the screen (F11 toggles)");
    m_command->add_option("--width", o.width, "Window width")->check(CLI::Range(320, 16384))->capture_default_str();
    m_command->add_option("--height", o.height, "Window height")->check(CLI::Range(180, 16384))->capture_default_str();
    m_command->add_flag("--headless", o.headless, "No window: play --duration seconds and print the figures");
    m_command->add_option("--duration", o.durationSeconds, "End after this many seconds (headless default: 10)")
        ->check(CLI::Range(0.0, 86400.0));
    m_command->add_option("--record", o.record, "Record the session to this replay file");
    m_command->add_option("--report", o.report,
                          "At the end of the session, write the drill report (journal.json, report.md, SVG charts) "
                          "into this folder");
    m_command
        ->add_option("--screenshot-at", o.screenshots,
                     "Save the frame at SECONDS as a BMP FILE (repeatable; the session ends after the last)")
        ->type_name("SECONDS FILE");
    m_command->add_option("--monkey", o.monkey,
                          "Let a seeded monkey play the window with random keys, clicks, drags, pad buttons and "
                          "window sizes until the level's end (or --duration); for soak and crash tests");
    m_command
        ->add_option("--time-scale", o.timeScale,
                     "Run the world and the built-in cluster this many times faster than real time (tests; the "
                     "probe's latencies shrink by as much, so latency figures and objectives mean nothing then)")
        ->check(CLI::Range(1.0, 64.0));
}

int PlayCommand::run() {
    PlayOptions options = m_options;
    if (m_seedOption->count() > 0) options.seed = m_seed;
    for (const auto& [seconds, file] : options.screenshots) {
        if (seconds < 0 || seconds > 86400 || file.empty()) {
            std::cerr << "meshlings play: --screenshot-at wants SECONDS (0 to 86400) and a FILE, got " << seconds
                      << " '" << file << "'\n";
            return 2;
        }
    }
    if (options.timeScale != 1 && !options.cluster.target(1).builtIn) {
        std::cerr << "meshlings play: --time-scale needs the built-in cluster (a real one runs in real time)\n";
        return 2;
    }
    if (options.monkey && options.headless && options.screenshots.empty()) {
        std::cerr << "meshlings play: --monkey plays the window; it does not go with --headless\n";
        return 2;
    }
    std::stable_sort(options.screenshots.begin(), options.screenshots.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return run(options);
}

int PlayCommand::run(const PlayOptions& options) {
    const auto found = LevelCatalog().findOrSay(options.level, "play");
    if (!found) return 2;
    const world::Level& level = *found;
    const std::uint64_t seed = options.seed.value_or(level.seed);
    const StopSignal stop;

    TargetOptions targetOptions = options.cluster.target(seed);
    targetOptions.timeScale = options.timeScale;
    ClusterTarget target(targetOptions);
    std::cout << "meshlings: level " << level.id << " (" << level.title << "), " << target.describe() << std::endl;

    if (options.headless && options.screenshots.empty()) return runHeadless(options, target, level, seed, stop);
    GameWindow window(options, target, level, seed, stop);
    return window.run();
}

int PlayCommand::runHeadless(const PlayOptions& options, ClusterTarget& target, const world::Level& level,
                             std::uint64_t seed, const StopSignal& stop) {
    const double duration =
        options.durationSeconds > 0 ? options.durationSeconds : PlayOptions::kDefaultHeadlessSeconds;
    const double waitStart = FixedStepClock::steadySeconds();
    if (!CredentialWait(target).waitOrStop(stop, duration)) return 0;  // stopped, as a session stopped by a signal
    RefusalLog effects(std::cout);
    GameSession session(level, seed, target, effects);
    if (!options.record.empty()) session.record(options.record);
    std::optional<SessionReporter> reporter;
    if (!options.report.empty()) reporter.emplace(session);
    session.start();
    SessionLoop loop(session, &stop);
    SessionLoop::Frame frame;
    // What the wait for credentials left of --duration (never 0: that would mean no limit).
    frame.durationSeconds = std::max(0.001, duration - (FixedStepClock::steadySeconds() - waitStart));
    loop.run(frame);
    session.finish();
    const std::string summary = session.summary(loop.clock().elapsed()) + effects.summaryLines();
    std::cout << summary << std::flush;
    if (reporter && !SessionReporter::writeAndSay(reporter->record(summary), options.report, "play")) return 1;
    return session.routingLeftUnrestored() ? kExitRoutingNotRestored : 0;
}

}  // namespace meshlings::app
