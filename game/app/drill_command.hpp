#pragma once
// `meshlings drill --level FILE|ID --report DIR`: runs a level with no
// player, headless, until its time limit (a drill level must have one): the
// level's chaos plan takes the actions, the world scores them, and the
// report (journal.json, report.md, availability.svg, recovery.svg) is
// written into DIR. Same cluster options as play (the built-in cluster by
// default). Exit codes: 0 pass, 1 fail, 2 bad usage or level (no time limit,
// a sandbox, a bad file) or the report could not be written, 3 not scored
// (not steady, nothing scored) or halted.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "app/play_options.hpp"

namespace meshlings::app {

class DrillCommand {
public:
    explicit DrillCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();

private:
    CLI::App* m_command;
    CLI::Option* m_seedOption = nullptr;
    std::uint64_t m_seed = 0;
    PlayOptions m_options;
    std::string m_report;
};

}  // namespace meshlings::app
