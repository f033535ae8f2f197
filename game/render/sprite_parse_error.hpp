#pragma once
// A mistake in a sprite text file, named "file:line:column: what" so an
// editor can jump to it. Thrown by SpriteParser and SpriteLibrary.

#include <stdexcept>
#include <string>

namespace meshlings::render {

class SpriteParseError : public std::runtime_error {
public:
    SpriteParseError(const std::string& file, int line, int column, const std::string& what)
        : std::runtime_error(file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + what),
          m_file(file),
          m_line(line),
          m_column(column) {}

    const std::string& file() const { return m_file; }
    int line() const { return m_line; }
    int column() const { return m_column; }

private:
    std::string m_file;
    int m_line;
    int m_column;
};

}  // namespace meshlings::render
