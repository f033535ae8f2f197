// The sprite text format: frames side by side and stacked, and every kind
// of mistake reported as file:line:column.
#include "render/sprite_parser.hpp"

#include <doctest/doctest.h>

#include <string>

#include "render/sprite_library.hpp"
#include "render/sprite_parse_error.hpp"

using meshlings::render::Sprite;
using meshlings::render::SpriteLibrary;
using meshlings::render::SpriteParseError;
using meshlings::render::SpriteParser;

namespace {

// The message of the SpriteParseError that parsing `text` throws.
std::string errorOf(const std::string& text) {
    try {
        SpriteParser("bad.txt", text).parse();
    } catch (const SpriteParseError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("frames side by side, then stacked bands, in reading order") {
    const std::string text =
        "# two bands\n"
        "sprite dots 2x2 fps 6\n"
        "k. .k\n"
        ".. ..\n"
        "\n"
        "   # a comment inside a sprite\n"
        ".. w.\n"
        "r. ..\n"
        "sprite still 1x1\n"
        "g\n";
    const auto sprites = SpriteParser("ok.txt", text).parse();
    REQUIRE(sprites.size() == 2);
    const Sprite& dots = sprites[0];
    CHECK(dots.name() == "dots");
    CHECK(dots.width() == 2);
    CHECK(dots.height() == 2);
    CHECK(dots.fps() == 6);
    REQUIRE(dots.frameCount() == 4);
    CHECK(dots.pixel(0, 0, 0) == 0);  // k: black
    CHECK(dots.pixel(0, 1, 0) == Sprite::kTransparent);
    CHECK(dots.pixel(1, 1, 0) == 0);
    CHECK(dots.pixel(2, 0, 1) == 8);  // r: red, third frame (second band, first column)
    CHECK(dots.pixel(3, 0, 0) == 7);  // w: white
    CHECK(dots.origin() == "ok.txt:2");
    CHECK(sprites[1].fps() == 0);
    CHECK(sprites[1].pixel(0, 0, 0) == 11);  // g: green
}

TEST_CASE("a bad palette letter is named with its line and column") {
    const std::string message = errorOf("sprite a 3x2\n...\n.x.\n");
    CHECK(message.starts_with("bad.txt:3:2: 'x' is not a palette letter"));
}

TEST_CASE("a frame of the wrong width points at the frame's first column") {
    CHECK(errorOf("sprite a 3x1\n... ....\n").starts_with("bad.txt:2:5: frame is 4 pixels wide, expected 3"));
}

TEST_CASE("a band with too few or too many rows") {
    CHECK(errorOf("sprite a 2x3\n..\n..\n\nsprite b 1x1\n.\n").starts_with("bad.txt:2:1: band of frames has 2 rows"));
    CHECK(errorOf("sprite a 1x1\n.\n.\n").starts_with("bad.txt:3:1: band of frames has more than 1 rows"));
}

TEST_CASE("rows of one band with different numbers of frames") {
    CHECK(errorOf("sprite a 1x2\n. .\n.\n").starts_with("bad.txt:3:1: row has 1 frames"));
}

TEST_CASE("header mistakes") {
    CHECK(errorOf("..\n").starts_with("bad.txt:1:1: pixel row before any 'sprite"));
    CHECK(errorOf("sprite Big 2x2\n").starts_with("bad.txt:1:8: sprite name must be"));
    CHECK(errorOf("sprite a 2y2\n").starts_with("bad.txt:1:10: size must be WxH"));
    CHECK(errorOf("sprite a 0x2\n").starts_with("bad.txt:1:10: size must be WxH"));
    CHECK(errorOf("sprite a 2x2 fps x\n").starts_with("bad.txt:1:18: fps must be"));
    CHECK(errorOf("sprite a 2x2 speed 3\n").starts_with("bad.txt:1:14: expected 'fps'"));
    CHECK(errorOf("sprite a\n").starts_with("bad.txt:1:1: expected 'sprite NAME WxH'"));
    CHECK(errorOf("sprite a 1x1\nsprite b 1x1\n.\n").starts_with("bad.txt:1:1: sprite has no frames"));
    CHECK(errorOf("sprite a 1x1\n.\nsprite a 1x1\n.\n").starts_with("bad.txt:3:8: sprite 'a' defined twice"));
}

TEST_CASE("tabs are refused where they are") {
    CHECK(errorOf("sprite a 1x1\n.\t.\n").starts_with("bad.txt:2:2: tab character"));
}

TEST_CASE("Windows line endings and trailing spaces are accepted") {
    const auto sprites = SpriteParser("crlf.txt", "sprite a 2x1\r\nk.  \r\n").parse();
    REQUIRE(sprites.size() == 1);
    CHECK(sprites[0].pixel(0, 0, 0) == 0);
}

TEST_CASE("the parse error carries its position") {
    try {
        SpriteParser("f.txt", "sprite a 1x1\nz\n").parse();
        FAIL("no error");
    } catch (const SpriteParseError& e) {
        CHECK(e.file() == "f.txt");
        CHECK(e.line() == 2);
        CHECK(e.column() == 1);
    }
}

TEST_CASE("a name defined in two files names both places") {
    SpriteLibrary library;
    library.addText("one.txt", "sprite a 1x1\n.\n");
    try {
        library.addText("two.txt", "\nsprite a 1x1\n.\n");
        FAIL("no error");
    } catch (const SpriteParseError& e) {
        CHECK(std::string(e.what()) == "two.txt:2:1: sprite 'a' is already defined at one.txt:1");
    }
    CHECK_THROWS_AS(library.get("missing"), std::out_of_range);
}
