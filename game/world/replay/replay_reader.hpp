#pragma once
// Reads a replay file (format: recorder.hpp). A replay file is untrusted
// input: bad input never throws or crashes, each problem is reported as
// "file:line: field: message" (up to kMaxErrors), and a replay with errors
// must not be played. What it may hold is bounded, so reading and playing
// one takes bounded time and memory, linear in its size:
//   - ticks (of commands and of the end line) up to kMaxSessionTicks, the
//     longest session a replay may hold: 24 hours of game time;
//   - up to kMaxLines lines of up to kMaxLineLength bytes, kMaxFileBytes in all.
#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

#include "world/replay/replay.hpp"

namespace meshlings::world {

struct ReplayReadResult {
    Replay replay;
    std::vector<ReplayError> errors;
    bool ok() const { return errors.empty(); }
};

class ReplayReader {
public:
    static constexpr std::size_t kMaxErrors = 20;
    static constexpr std::size_t kMaxLineLength = std::size_t{64} * 1024;
    static constexpr std::size_t kMaxLines = 2'000'000;
    static constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{128} * 1024 * 1024;
    static constexpr std::int64_t kMaxSessionHours = 24;
    static constexpr std::int64_t kMaxSessionTicks = kMaxSessionHours * 3600 * kTicksPerSecond;

    static ReplayReadResult readFile(const std::filesystem::path& path);
    // `fileName` is only used in messages.
    static ReplayReadResult read(std::istream& in, const std::string& fileName);
};

}  // namespace meshlings::world
