#pragma once
// The level-file tests' check of a refused file: loading `text` as `file`
// throws a LevelError that names the file, the line, the field and (in part)
// the problem, and its message starts "file:line: field: ".
#include <doctest/doctest.h>

#include <string>

#include "world/loader/level_error.hpp"
#include "world/loader/level_loader.hpp"

namespace meshlings::world::test {

inline LevelError levelErrorOf(const std::string& text, const std::string& file) {
    try {
        LevelLoader::loadFromString(text, file);
    } catch (const LevelError& error) {
        return error;
    }
    FAIL("no error for:\n" << text);
    return {"", 0, "", ""};
}

inline void checkLevelError(const std::string& text, const std::string& file, int line, const std::string& field,
                            const std::string& problemPart) {
    const LevelError error = levelErrorOf(text, file);
    const std::string message = error.what();
    CAPTURE(message);
    CHECK(error.file() == file);
    CHECK(error.line() == line);
    CHECK(error.field() == field);
    CHECK(error.problem().find(problemPart) != std::string::npos);
    CHECK(message.starts_with(file + ":" + std::to_string(line) + ": " + (field.empty() ? "" : field + ": ")));
}

}  // namespace meshlings::world::test
