#include "replay_command.hpp"

#include <iostream>

#include "level_catalog.hpp"
#include "replay_reader.hpp"
#include "replay_verifier.hpp"

namespace meshlings::app {

ReplayCommand::ReplayCommand(CLI::App& parent) {
    m_command = parent.add_subcommand("replay", "Replay a recorded session headless and print its outcome");
    m_command->add_option("file", m_file, "The replay file (meshlings play --record FILE)")->required();
    m_command->add_flag("--verify", m_verify, "Exit 1 unless the replay ends with the recorded outcome");
}

int ReplayCommand::run() {
    const world::ReplayReadResult read = world::ReplayReader::readFile(m_file);
    if (!read.ok()) {
        for (const auto& error : read.errors) std::cerr << error.text() << "\n";
        return 2;
    }
    const LevelCatalog catalog;
    const world::VerifyResult result = world::ReplayVerifier::verify(read.replay, catalog.resolver());
    if (!result.error.empty()) {
        std::cerr << "meshlings replay: " << m_file << ": " << result.error << "\n";
        return 1;
    }
    std::cout << "replay: " << m_file << " (level " << read.replay.header.levelId << ", seed "
              << read.replay.header.seed << ", " << read.replay.commands.size() << " commands)\n"
              << "recorded: " << result.expected << "\n"
              << "replayed: " << result.observed << "\n"
              << (result.matches ? "verify: ok, the replay ends as recorded\n" : "verify: MISMATCH\n");
    return m_verify && !result.matches ? 1 : 0;
}

}  // namespace meshlings::app
