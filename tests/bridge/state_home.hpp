#pragma once
// A fresh $XDG_STATE_HOME for one test (a temporary folder, removed after),
// so the routing state files of the tests never land in the real home.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace meshlings::testing {

class StateHome {
public:
    StateHome() {
        static int count = 0;
        m_path = std::filesystem::temp_directory_path() /
                 ("meshlings-state-test-" + std::to_string(::getpid()) + "-" + std::to_string(++count));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
        const char* old = std::getenv("XDG_STATE_HOME");
        if (old) m_old = old;
        m_hadOld = old != nullptr;
        ::setenv("XDG_STATE_HOME", m_path.c_str(), 1);
    }
    ~StateHome() {
        if (m_hadOld) {
            ::setenv("XDG_STATE_HOME", m_old.c_str(), 1);
        } else {
            ::unsetenv("XDG_STATE_HOME");
        }
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    StateHome(const StateHome&) = delete;
    StateHome& operator=(const StateHome&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path folder() const { return m_path / "meshlings"; }

private:
    std::filesystem::path m_path;
    std::string m_old;
    bool m_hadOld = false;
};

}  // namespace meshlings::testing
