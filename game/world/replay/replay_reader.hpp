#pragma once
// Reads a replay file (format: recorder.hpp). Bad input never throws or
// crashes: each problem is reported as "file:line: message" (up to
// kMaxErrors), and a replay with errors must not be played.
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

    static ReplayReadResult readFile(const std::filesystem::path& path);
    // `fileName` is only used in messages.
    static ReplayReadResult read(std::istream& in, const std::string& fileName);
};

}  // namespace meshlings::world
