#pragma once
// The player's progress through the campaign, kept between runs in
// $XDG_STATE_HOME/meshlings/progress.json (~/.local/state/meshlings/ when
// XDG_STATE_HOME is not set or not absolute): per level, whether it was ever
// won, how it last ended and the best resilience score. The title screen
// reads it (best result and score per level; a campaign level is unlocked
// when the one before it was won); the window records each level that ends.
// A missing or unreadable file is an empty progress; a write that fails is
// said on stderr and the game goes on. Written whole, through a temporary
// file and a rename.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "world/level/level_rules.hpp"

namespace meshlings::app {

struct LevelProgress {
    bool won = false;                 // ever
    std::string last;                 // "won" / "lost": how it ended the last time
    std::optional<double> bestScore;  // the best resilience headline (none when never scored)
};

class ProgressStore {
public:
    // `file` empty: defaultFile() (or no file at all when neither variable is set: nothing is kept).
    explicit ProgressStore(std::filesystem::path file = defaultFile());

    static std::filesystem::path defaultFile();

    // A level ended (Won or Lost; other results are not recorded) with its resilience headline, if any.
    void record(const std::string& levelId, world::LevelResult result, std::optional<double> score);
    std::optional<LevelProgress> of(const std::string& levelId) const;
    // "won, best 87.3", "lost", "" (never played): the title screen's note.
    std::string note(const std::string& levelId) const;
    const std::filesystem::path& file() const { return m_file; }

private:
    void load();
    void save() const;

    std::filesystem::path m_file;
    std::map<std::string, LevelProgress> m_levels;
};

}  // namespace meshlings::app
