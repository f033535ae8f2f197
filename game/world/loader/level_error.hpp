#pragma once
// What LevelLoader throws when a level file cannot be used: the file, the
// line (1-based; 0 when there is none, e.g. the file does not exist), the
// field path (`objectives[1].percent`; empty when the problem is the whole
// file) and the problem in words. what() joins them the way compilers do:
//   levels/canary.yaml:14: objectives[1].percent: expected a number between 0 and 100, got "lots"

#include <stdexcept>
#include <string>
#include <utility>

namespace meshlings::world {

class LevelError : public std::runtime_error {
public:
    LevelError(std::string file, int line, std::string field, std::string problem)
        : std::runtime_error(format(file, line, field, problem)),
          m_file(std::move(file)),
          m_line(line),
          m_field(std::move(field)),
          m_problem(std::move(problem)) {}

    const std::string& file() const { return m_file; }
    int line() const { return m_line; }
    const std::string& field() const { return m_field; }
    const std::string& problem() const { return m_problem; }

private:
    static std::string format(const std::string& file, int line, const std::string& field, const std::string& problem) {
        std::string text = file;
        if (line > 0) text += ":" + std::to_string(line);
        text += ": ";
        if (!field.empty()) text += field + ": ";
        return text + problem;
    }

    std::string m_file;
    int m_line = 0;
    std::string m_field;
    std::string m_problem;
};

}  // namespace meshlings::world
