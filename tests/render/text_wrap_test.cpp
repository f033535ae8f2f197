#include "render/text_wrap.hpp"

#include <doctest/doctest.h>

using meshlings::render::wrapText;

namespace {
// One unit per character, as a monospaced font measures.
float monospace(const std::string& s) {
    return static_cast<float>(s.size());
}
}  // namespace

TEST_CASE("wrapText breaks at spaces within the width and keeps every word") {
    const auto lines = wrapText("nothing accepts a connection: 127.0.0.1:1: Connection refused", 20, monospace);
    REQUIRE(lines ==
            std::vector<std::string>{"nothing accepts a", "connection:", "127.0.0.1:1:", "Connection refused"});
    for (const auto& line : lines) CHECK(line.size() <= 20);
}

TEST_CASE("wrapText: a word wider than the line stands alone; runs of spaces and empty text") {
    CHECK(wrapText("a verylongwordthatdoesnotfit b", 10, monospace) ==
          std::vector<std::string>{"a", "verylongwordthatdoesnotfit", "b"});
    CHECK(wrapText("  two   spaces  ", 40, monospace) == std::vector<std::string>{"two spaces"});
    CHECK(wrapText("", 10, monospace).empty());
    CHECK(wrapText("   ", 10, monospace).empty());
}
