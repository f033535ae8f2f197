#pragma once
// The word level of replay lines: a line is words separated by spaces; a word
// that is empty or holds anything but [A-Za-z0-9._:/+-] is written in double
// quotes with \" \\ \n \t escapes. Used by CommandCodec, Recorder and
// ReplayReader; never throws.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace meshlings::world {

class ReplayText {
public:
    // The words of `line`; nullopt with `error` set on an unterminated quote or a bad escape.
    static std::optional<std::vector<std::string>> split(std::string_view line, std::string& error);
    // `word` as it is written in a line: bare when it can be, quoted otherwise.
    static std::string quote(std::string_view word);
    static bool isBare(std::string_view word);
};

}  // namespace meshlings::world
