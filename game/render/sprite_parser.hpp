#pragma once
// Reads the sprite text format of assets/sprites/README.md: a
// `sprite NAME WxH [fps N]` line, then rows of palette letters with the
// frames side by side (separated by spaces) and bands of frames stacked
// (separated by blank lines). Every mistake throws SpriteParseError with
// file, line and column. No SDL: the result is plain Sprite data.

#include <string>
#include <string_view>
#include <vector>

#include "render/sprite.hpp"

namespace meshlings::render {

class SpriteParser {
public:
    // `file` is only used in error messages.
    SpriteParser(std::string file, std::string_view text);

    std::vector<Sprite> parse();

private:
    struct Row {
        int line;
        std::string_view text;
    };
    struct Chunk {
        int column;
        std::string_view pixels;
    };

    void parseLine(int line, std::string_view text);
    void startSprite(int line, std::string_view text);
    void finishSprite();
    void flushBand();
    void addBandFrames(const std::vector<std::vector<Chunk>>& chunks);
    std::vector<Chunk> splitRow(const Row& row) const;
    [[noreturn]] void fail(int line, int column, const std::string& what) const;

    std::string m_file;
    std::string_view m_text;
    std::vector<Sprite> m_sprites;
    bool m_inSprite = false;
    int m_spriteLine = 0;
    std::vector<Row> m_band;
};

}  // namespace meshlings::render
