#pragma once
// Finds levels for `meshlings play --level` and `meshlings replay`: a path
// to a level file, or an id looked up as `<id>.yaml` in the levels folder
// (MESHLINGS_LEVEL_DIR, the repository's levels/ as built; `levels/` in the
// current directory first), then the fixed test levels the recorded replays
// in tests/replays use ("test-delete", ...), then "sandbox". Loading errors
// (LevelError: file:line: field: problem) propagate to the caller.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "world/level/level.hpp"
#include "world/replay/replay_verifier.hpp"

namespace meshlings::app {

class LevelCatalog {
public:
    static constexpr const char* kDefaultLevel = "free-play";

    explicit LevelCatalog(std::vector<std::filesystem::path> folders = defaultFolders());

    // A file path or an id; empty: free play. Throws LevelError for a bad
    // file and std::invalid_argument for an unknown id (listing the known ones).
    world::Level find(const std::string& fileOrId) const;
    // find(), with its error said on stderr as `meshlings COMMAND: ...` instead; nullopt then.
    std::optional<world::Level> findOrSay(const std::string& fileOrId, const std::string& command) const;
    // By id only, never throwing for an unknown id (for ReplayVerifier).
    std::optional<world::Level> byId(const std::string& id) const;
    world::LevelResolver resolver() const;

    std::vector<std::string> ids() const;
    static std::vector<std::filesystem::path> defaultFolders();

private:
    std::optional<std::filesystem::path> fileFor(const std::string& id) const;

    std::vector<std::filesystem::path> m_folders;
};

}  // namespace meshlings::app
