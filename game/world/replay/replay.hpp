#pragma once
// A recorded session as read from a replay file (see recorder.hpp for the
// format): the header, every command with its tick and file line, and the
// outcome the recording ended with. Plain data made by ReplayReader and
// played by ReplayVerifier.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "world/model/command.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

inline constexpr int kReplayFormatVersion = 1;

struct ReplayHeader {
    int formatVersion = kReplayFormatVersion;
    std::string levelId;  // Level::id; "sandbox" for free play without a level file
    std::uint64_t seed = 1;
};

struct ReplayCommand {
    Tick tick;
    Command command;
    int line = 0;  // where it is in the file
};

struct Replay {
    std::string file;
    ReplayHeader header;
    std::vector<ReplayCommand> commands;
    std::optional<Tick> endTick;  // the tick the recording stopped at
    std::string expectedOutcome;  // WorldDigest::outcomeLine() at endTick
};

struct ReplayError {
    std::string file;
    int line = 0;
    std::string message;

    std::string text() const { return file + ":" + std::to_string(line) + ": " + message; }
};

}  // namespace meshlings::world
