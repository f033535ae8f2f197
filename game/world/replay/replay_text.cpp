#include "world/replay/replay_text.hpp"

namespace meshlings::world {
namespace {

bool bareChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == ':' || c == '/' || c == '+' || c == '-';
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

}  // namespace

bool ReplayText::isBare(std::string_view word) {
    if (word.empty()) return false;
    for (char c : word) {
        if (!bareChar(c)) return false;
    }
    return true;
}

std::string ReplayText::quote(std::string_view word) {
    if (isBare(word)) return std::string{word};
    std::string out = "\"";
    for (char c : word) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
                break;
        }
    }
    out += '"';
    return out;
}

std::optional<std::vector<std::string>> ReplayText::split(std::string_view line, std::string& error) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < line.size()) {
        if (isSpace(line[i])) {
            ++i;
            continue;
        }
        std::string word;
        if (line[i] != '"') {
            while (i < line.size() && !isSpace(line[i])) word += line[i++];
            words.push_back(std::move(word));
            continue;
        }
        const std::size_t start = i++;
        bool closed = false;
        while (i < line.size()) {
            const char c = line[i++];
            if (c == '"') {
                closed = true;
                break;
            }
            if (c != '\\') {
                word += c;
                continue;
            }
            if (i >= line.size()) break;
            switch (const char e = line[i++]) {
                case '"':
                    word += '"';
                    break;
                case '\\':
                    word += '\\';
                    break;
                case 'n':
                    word += '\n';
                    break;
                case 't':
                    word += '\t';
                    break;
                case 'r':
                    word += '\r';
                    break;
                default:
                    error = std::string{"unknown escape \\"} + e + " in the quoted word at column " +
                            std::to_string(start + 1);
                    return std::nullopt;
            }
        }
        if (!closed) {
            error = "unterminated quote at column " + std::to_string(start + 1);
            return std::nullopt;
        }
        if (i < line.size() && !isSpace(line[i])) {
            error = "a space must follow the quoted word at column " + std::to_string(start + 1);
            return std::nullopt;
        }
        words.push_back(std::move(word));
    }
    return words;
}

}  // namespace meshlings::world
