#pragma once
// Where a session's saved routing (RoutingSnapshot) lives on disk until it is
// restored: one JSON file per kubeconfig context and namespace,
//   $XDG_STATE_HOME/meshlings/routing-<context>@<namespace>.json
// or ~/.local/state/meshlings/... when XDG_STATE_HOME is not set (the
// context's characters outside [A-Za-z0-9._-] written as %XX). Written
// atomically (a temporary file in the same folder, flushed to disk, renamed
// over the old one), so a crash or power loss leaves the old file or the new
// one, never half of one. Every error names the file (and the field).
#include <cstddef>
#include <filesystem>
#include <string>

#include "bridge/routing_snapshot.hpp"

namespace meshlings::bridge {

class RoutingStateFile {
public:
    // A session saves two objects; a file past this size is refused unread.
    static constexpr std::size_t kMaxBytes = std::size_t{4} * 1024 * 1024;

    explicit RoutingStateFile(std::filesystem::path path) : m_path(std::move(path)) {}

    // $XDG_STATE_HOME/meshlings, else $HOME/.local/state/meshlings; throws RoutingStateError when neither is set.
    static std::filesystem::path directory();
    static RoutingStateFile forTarget(const std::string& context, const std::string& nameSpace);

    const std::filesystem::path& path() const { return m_path; }
    bool exists() const;
    // Throws RoutingStateError "state file F: ..." (unreadable, not JSON, a bad field).
    RoutingSnapshot load() const;
    // Creates the folder (mode 0700) when needed; throws RoutingStateError.
    void save(const RoutingSnapshot& snapshot) const;
    // Removes the file; no error when it is already gone. Throws RoutingStateError.
    void remove() const;

private:
    std::string where() const { return "state file " + m_path.string(); }

    std::filesystem::path m_path;
};

}  // namespace meshlings::bridge
