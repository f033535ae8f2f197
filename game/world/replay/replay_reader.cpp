#include "world/replay/replay_reader.hpp"

#include <charconv>
#include <fstream>

#include "world/replay/command_codec.hpp"
#include "world/replay/replay_text.hpp"

namespace meshlings::world {
namespace {

enum class Expect { Magic, Level, Seed, Body, Done };

template <typename Int>
bool parseNumber(const std::string& word, Int& value) {
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
    return ec == std::errc{} && end == word.data() + word.size();
}

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string{text.substr(first, last - first + 1)};
}

// A tick field: a number in 0..kMaxSessionTicks; an error naming `field` otherwise.
std::string tickField(const std::string& word, const char* field, std::int64_t& tick) {
    if (!parseNumber(word, tick) || tick < 0)
        return std::string{field} + ": expected a tick (a number), got \"" + word + "\"";
    if (tick > ReplayReader::kMaxSessionTicks) {
        return std::string{field} + ": tick " + word + " is past the longest session a replay may hold (" +
               std::to_string(ReplayReader::kMaxSessionTicks) + " ticks, " +
               std::to_string(ReplayReader::kMaxSessionHours) + " hours)";
    }
    return {};
}

// Reads one line of at most ReplayReader::kMaxLineLength bytes into `raw`;
// the rest of a longer one is skipped and `tooLong` set. False at the end.
bool boundedLine(std::istream& in, std::string& raw, bool& tooLong, std::uintmax_t& bytes) {
    raw.clear();
    tooLong = false;
    std::streambuf* buffer = in.rdbuf();
    for (;;) {
        const int c = buffer->sbumpc();
        if (c == std::char_traits<char>::eof()) {
            if (raw.empty() && !tooLong) {
                in.setstate(std::ios::eofbit);
                return false;
            }
            return true;
        }
        ++bytes;
        if (c == '\n') return true;
        if (raw.size() < ReplayReader::kMaxLineLength) {
            raw.push_back(static_cast<char>(c));
        } else {
            tooLong = true;
        }
    }
}

// One line after the header: "<tick> <command>" or "end <tick> <outcome...>".
class BodyLine {
public:
    BodyLine(ReplayReadResult& result, std::string_view raw) : m_result(result), m_raw(raw) {}

    // An error message, or empty when the line was taken.
    std::string take(const std::vector<std::string>& words, int line, Expect& expect) {
        Replay& r = m_result.replay;
        const Tick last = r.commands.empty() ? Tick{0} : r.commands.back().tick;
        if (words[0] == "end") {
            std::int64_t tick = 0;
            if (words.size() < 2) return "end: expected a tick";
            if (std::string error = tickField(words[1], "end", tick); !error.empty()) return error;
            if (Tick{tick} < last) return "end: tick " + words[1] + " is before the last command's";
            r.endTick = Tick{tick};
            const std::size_t at = m_raw.find(words[1], m_raw.find("end") + 3);
            r.expectedOutcome = trimmed(m_raw.substr(at + words[1].size()));
            expect = Expect::Done;
            return {};
        }
        std::int64_t tick = 0;
        if (!parseNumber(words[0], tick) || tick < 0) {
            return R"(expected a tick (a number) or "end", got ")" + words[0] + "\"";
        }
        if (std::string error = tickField(words[0], "tick", tick); !error.empty()) return error;
        if (Tick{tick} < last) {
            return "tick " + words[0] + " goes back in time (last was " + std::to_string(last.value) + ")";
        }
        if (words.size() < 2) return "tick " + words[0] + " has no command";
        std::string error;
        const std::vector<std::string> commandWords(words.begin() + 1, words.end());
        auto command = CommandCodec::decode(commandWords, error);
        if (!command) return error;
        r.commands.push_back(ReplayCommand{Tick{tick}, std::move(*command), line});
        return {};
    }

private:
    ReplayReadResult& m_result;
    std::string_view m_raw;
};

std::string headerLine(const std::vector<std::string>& words, Expect& expect, ReplayHeader& header) {
    switch (expect) {
        case Expect::Magic:
            if (words.size() != 2 || words[0] != "meshlings-replay") return "expected \"meshlings-replay <version>\"";
            if (!parseNumber(words[1], header.formatVersion)) return "format version: expected a number";
            if (header.formatVersion != kReplayFormatVersion) {
                return "format version " + words[1] + " is not supported (this build reads " +
                       std::to_string(kReplayFormatVersion) + ")";
            }
            expect = Expect::Level;
            return {};
        case Expect::Level:
            if (words.size() != 2 || words[0] != "level") return "expected \"level <id>\"";
            header.levelId = words[1];
            expect = Expect::Seed;
            return {};
        case Expect::Seed:
            if (words.size() != 2 || words[0] != "seed") return "expected \"seed <number>\"";
            if (!parseNumber(words[1], header.seed)) return "seed: expected a number, got \"" + words[1] + "\"";
            expect = Expect::Body;
            return {};
        default:
            break;
    }
    return "unexpected line";
}

}  // namespace

ReplayReadResult ReplayReader::readFile(const std::filesystem::path& path) {
    const auto refuse = [&path](std::string message) {
        ReplayReadResult result;
        result.replay.file = path.string();
        result.errors.push_back({path.string(), 0, std::move(message)});
        return result;
    };
    std::ifstream in(path, std::ios::binary);
    if (!in) return refuse("cannot open the file");
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxFileBytes) {
        return refuse("the file is " + std::to_string(size) + " bytes, more than a replay may hold (" +
                      std::to_string(kMaxFileBytes) + ")");
    }
    return read(in, path.string());
}

ReplayReadResult ReplayReader::read(std::istream& in, const std::string& fileName) {
    ReplayReadResult result;
    result.replay.file = fileName;
    Expect expect = Expect::Magic;
    std::string raw;
    bool tooLong = false;
    std::uintmax_t bytes = 0;
    int line = 0;
    auto fail = [&](std::string message) { result.errors.push_back({fileName, line, std::move(message)}); };
    while (result.errors.size() < kMaxErrors && boundedLine(in, raw, tooLong, bytes)) {
        ++line;
        if (static_cast<std::size_t>(line) > kMaxLines || bytes > kMaxFileBytes) {
            fail("more than " + std::to_string(kMaxLines) + " lines or " + std::to_string(kMaxFileBytes) +
                 " bytes, more than a replay may hold: not read further");
            return result;
        }
        if (tooLong) {
            fail("line longer than " + std::to_string(kMaxLineLength) + " bytes");
            continue;
        }
        std::string error;
        const auto words = ReplayText::split(raw, error);
        if (!words) {
            fail(error);
            continue;
        }
        if (words->empty() || (*words)[0].starts_with("#")) continue;
        if (expect == Expect::Done) {
            fail("nothing may follow the end line");
            continue;
        }
        error = expect == Expect::Body ? BodyLine(result, raw).take(*words, line, expect)
                                       : headerLine(*words, expect, result.replay.header);
        if (!error.empty()) fail(error);
    }
    ++line;
    if (result.errors.empty() && expect != Expect::Body && expect != Expect::Done) fail("the header is incomplete");
    if (result.errors.empty() && expect == Expect::Body) fail("no end line: the recording was cut short");
    return result;
}

}  // namespace meshlings::world
