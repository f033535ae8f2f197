#pragma once
// `meshlings play` (and `meshlings` with no arguments): resolves the level
// and the cluster (the built-in one by default, a real one with
// --kubeconfig/--context/--namespace), then plays in a window, or with
// --headless for --duration seconds of wall time with no window at all, and
// prints the session's figures. Exit codes: 0 played, 1 could not start,
// 2 bad usage or a bad level file (the message names file:line: field),
// 4 played, but the routing could not all be put back at the end (a
// conflict, a refusal or a failure, named on stderr; the saved state stays
// for `meshlings restore`).
#include <CLI/CLI.hpp>

#include "app/play_options.hpp"
#include "world/level/level.hpp"

namespace meshlings::app {

class ClusterTarget;
class StopSignal;

class PlayCommand {
public:
    // Played, but the routing could not all be restored at the end (see above).
    static constexpr int kExitRoutingNotRestored = 4;

    explicit PlayCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();
    static int run(const PlayOptions& options);

private:
    static int runHeadless(const PlayOptions& options, ClusterTarget& target, const world::Level& level,
                           std::uint64_t seed, const StopSignal& stop);

    CLI::App* m_command;
    CLI::Option* m_seedOption = nullptr;
    std::uint64_t m_seed = 0;
    PlayOptions m_options;
};

}  // namespace meshlings::app
