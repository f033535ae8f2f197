#include "render/sprite_parser.hpp"

#include <charconv>
#include <regex>

#include "render/palette.hpp"
#include "render/sprite_parse_error.hpp"

namespace meshlings::render {

namespace {

constexpr int kMaxSide = 64;
constexpr int kMaxFps = 60;

struct Token {
    int column;
    std::string_view text;
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t at = 0;
    while (at < text.size()) {
        if (text[at] == ' ') {
            ++at;
            continue;
        }
        const std::size_t end = std::min(text.find(' ', at), text.size());
        tokens.push_back({static_cast<int>(at) + 1, text.substr(at, end - at)});
        at = end;
    }
    return tokens;
}

std::string_view trimRight(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

bool isComment(std::string_view text) {
    const auto first = text.find_first_not_of(' ');
    return first != std::string_view::npos && text[first] == '#';
}

bool isHeader(std::string_view text) {
    return text == "sprite" || text.starts_with("sprite ");
}

int parseNumber(std::string_view text, int& out) {
    const auto* end = text.data() + text.size();
    const auto result = std::from_chars(text.data(), end, out);
    return result.ec == std::errc{} && result.ptr == end;
}

}  // namespace

SpriteParser::SpriteParser(std::string file, std::string_view text) : m_file(std::move(file)), m_text(text) {}

std::vector<Sprite> SpriteParser::parse() {
    int line = 1;
    std::size_t at = 0;
    while (at <= m_text.size()) {
        const std::size_t end = std::min(m_text.find('\n', at), m_text.size());
        parseLine(line, trimRight(m_text.substr(at, end - at)));
        if (end == m_text.size()) break;
        at = end + 1;
        ++line;
    }
    finishSprite();
    return std::move(m_sprites);
}

void SpriteParser::parseLine(int line, std::string_view text) {
    if (const auto tab = text.find('\t'); tab != std::string_view::npos) {
        fail(line, static_cast<int>(tab) + 1, "tab character (use spaces between frames)");
    }
    if (isComment(text)) return;
    if (text.empty()) {
        flushBand();
        return;
    }
    if (isHeader(text)) {
        startSprite(line, text);
        return;
    }
    if (!m_inSprite) fail(line, 1, "pixel row before any 'sprite NAME WxH' line");
    m_band.push_back({line, text});
    if (static_cast<int>(m_band.size()) > m_sprites.back().height()) {
        fail(line, 1,
             "band of frames has more than " + std::to_string(m_sprites.back().height()) +
                 " rows (separate stacked frames with a blank line)");
    }
}

void SpriteParser::startSprite(int line, std::string_view text) {
    finishSprite();
    const auto tokens = tokenize(text);
    if (tokens.size() != 3 && tokens.size() != 5) {
        fail(line, 1, "expected 'sprite NAME WxH' or 'sprite NAME WxH fps N'");
    }
    static const std::regex kName("[a-z][a-z0-9_]*");
    if (!std::regex_match(tokens[1].text.begin(), tokens[1].text.end(), kName)) {
        fail(line, tokens[1].column, "sprite name must be lower case letters, digits and '_'");
    }
    for (const Sprite& other : m_sprites) {
        if (other.name() == tokens[1].text) fail(line, tokens[1].column, "sprite '" + other.name() + "' defined twice");
    }
    const auto size = tokens[2].text;
    const auto cross = size.find('x');
    int width = 0;
    int height = 0;
    if (cross == std::string_view::npos || !parseNumber(size.substr(0, cross), width) ||
        !parseNumber(size.substr(cross + 1), height) || width < 1 || height < 1 || width > kMaxSide ||
        height > kMaxSide) {
        fail(line, tokens[2].column, "size must be WxH with sides from 1 to " + std::to_string(kMaxSide));
    }
    int fps = 0;
    if (tokens.size() == 5) {
        if (tokens[3].text != "fps") fail(line, tokens[3].column, "expected 'fps'");
        if (!parseNumber(tokens[4].text, fps) || fps < 0 || fps > kMaxFps) {
            fail(line, tokens[4].column, "fps must be a whole number from 0 to " + std::to_string(kMaxFps));
        }
    }
    m_sprites.emplace_back(std::string(tokens[1].text), width, height, fps);
    m_sprites.back().setOrigin(m_file + ":" + std::to_string(line));
    m_inSprite = true;
    m_spriteLine = line;
}

void SpriteParser::finishSprite() {
    flushBand();
    if (m_inSprite && m_sprites.back().frameCount() == 0) fail(m_spriteLine, 1, "sprite has no frames");
    m_inSprite = false;
}

void SpriteParser::flushBand() {
    if (m_band.empty()) return;
    const Sprite& sprite = m_sprites.back();
    if (static_cast<int>(m_band.size()) != sprite.height()) {
        fail(m_band.front().line, 1,
             "band of frames has " + std::to_string(m_band.size()) + " rows, expected " +
                 std::to_string(sprite.height()));
    }
    std::vector<std::vector<Chunk>> chunks;
    for (const Row& row : m_band) {
        chunks.push_back(splitRow(row));
        if (chunks.back().size() != chunks.front().size()) {
            fail(row.line, 1,
                 "row has " + std::to_string(chunks.back().size()) + " frames, the band's first row has " +
                     std::to_string(chunks.front().size()));
        }
    }
    addBandFrames(chunks);
    m_band.clear();
}

std::vector<SpriteParser::Chunk> SpriteParser::splitRow(const Row& row) const {
    const int width = m_sprites.back().width();
    std::vector<Chunk> chunks;
    for (const Token& token : tokenize(row.text)) {
        if (static_cast<int>(token.text.size()) != width) {
            fail(row.line, token.column,
                 "frame is " + std::to_string(token.text.size()) + " pixels wide, expected " + std::to_string(width));
        }
        for (std::size_t i = 0; i < token.text.size(); ++i) {
            const char letter = token.text[i];
            if (letter != Palette::kTransparent && !Palette::indexOfLetter(letter)) {
                fail(row.line, token.column + static_cast<int>(i),
                     std::string("'") + letter + "' is not a palette letter (" + std::string(Palette::kLetters) +
                         ", or '.' for transparent)");
            }
        }
        chunks.push_back({token.column, token.text});
    }
    return chunks;
}

void SpriteParser::addBandFrames(const std::vector<std::vector<Chunk>>& chunks) {
    Sprite& sprite = m_sprites.back();
    const std::size_t frames = chunks.front().size();
    for (std::size_t f = 0; f < frames; ++f) {
        Sprite::Frame pixels;
        pixels.reserve(static_cast<std::size_t>(sprite.width()) * static_cast<std::size_t>(sprite.height()));
        for (const auto& row : chunks) {
            for (const char letter : row[f].pixels) {
                const auto index = Palette::indexOfLetter(letter);
                pixels.push_back(index ? static_cast<std::uint8_t>(*index) : Sprite::kTransparent);
            }
        }
        sprite.addFrame(std::move(pixels));
    }
}

void SpriteParser::fail(int line, int column, const std::string& what) const {
    throw SpriteParseError(m_file, line, column, what);
}

}  // namespace meshlings::render
