#pragma once
// `meshlings replay FILE [--verify] [--level FILE|ID]`: plays a recorded
// session headless into a fresh world (the level found by the LevelCatalog
// from the file's level id, or the one --level names, e.g. a level file that
// was played from elsewhere; the seed from its header) through the
// ReplayVerifier, and prints
// the outcome it reaches beside the one recorded. Exit codes: 0 played (and
// with --verify: the outcomes match), 1 mismatch under --verify or a level
// that cannot be found, 2 a file that cannot be read (each problem as
// file:line: message).
#include <CLI/CLI.hpp>
#include <string>

namespace meshlings::app {

class ReplayCommand {
public:
    explicit ReplayCommand(CLI::App& parent);

    bool chosen() const { return m_command->parsed(); }
    int run();

private:
    CLI::App* m_command;
    std::string m_file;
    std::string m_level;
    bool m_verify = false;
};

}  // namespace meshlings::app
