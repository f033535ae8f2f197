#include "app/replay_command.hpp"

#include <iostream>
#include <optional>

#include "app/level_catalog.hpp"
#include "world/replay/replay_reader.hpp"
#include "world/replay/replay_verifier.hpp"

namespace meshlings::app {

ReplayCommand::ReplayCommand(CLI::App& parent) {
    m_command = parent.add_subcommand("replay", "Replay a recorded session headless and print its outcome");
    m_command->add_option("file", m_file, "The replay file (meshlings play --record FILE)")->required();
    m_command->add_flag("--verify", m_verify, "Exit 1 unless the replay ends with the recorded outcome");
    m_command->add_option("--level", m_level,
                          "The level it was played on (a file or id), instead of the file's level id");
}

int ReplayCommand::run() {
    const world::ReplayReadResult read = world::ReplayReader::readFile(m_file);
    if (!read.ok()) {
        for (const auto& error : read.errors) std::cerr << error.text() << "\n";
        return 2;
    }
    const LevelCatalog catalog;
    world::LevelResolver levels = catalog.resolver();
    if (!m_level.empty()) {
        try {
            levels = [level = catalog.find(m_level)](const std::string&) { return std::optional<world::Level>(level); };
        } catch (const std::exception& e) {
            std::cerr << "meshlings replay: --level: " << e.what() << "\n";
            return 2;
        }
    }
    const world::VerifyResult result = world::ReplayVerifier::verify(read.replay, levels);
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
