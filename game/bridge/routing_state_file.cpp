#include "bridge/routing_state_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

#include "bridge/routing_state_error.hpp"

namespace meshlings::bridge {

namespace {

// An open file descriptor, closed when it goes.
class FileHandle {
public:
    explicit FileHandle(int fd) : m_fd(fd) {}
    ~FileHandle() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FileHandle(const FileHandle&) = delete;
    FileHandle& operator=(const FileHandle&) = delete;
    int fd() const { return m_fd; }
    // Closes now and says whether it went well (a late write error shows here).
    bool close() { return ::close(std::exchange(m_fd, -1)) == 0; }

private:
    int m_fd;
};

std::string encoded(const std::string& name) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : name) {
        if (std::isalnum(c) != 0 || c == '.' || c == '_' || c == '-') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        }
    }
    return out;
}

std::string lastError() {
    return std::strerror(errno);
}

bool writeAll(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

std::filesystem::path RoutingStateFile::directory() {
    const char* state = std::getenv("XDG_STATE_HOME");
    if (state && *state == '/') return std::filesystem::path(state) / "meshlings";
    const char* home = std::getenv("HOME");
    if (home && *home != '\0') return std::filesystem::path(home) / ".local" / "state" / "meshlings";
    throw RoutingStateError("no folder for the routing state file: neither XDG_STATE_HOME nor HOME is set");
}

RoutingStateFile RoutingStateFile::forTarget(const std::string& context, const std::string& nameSpace) {
    return RoutingStateFile(directory() / ("routing-" + encoded(context) + "@" + encoded(nameSpace) + ".json"));
}

bool RoutingStateFile::exists() const {
    std::error_code ignored;
    return std::filesystem::exists(m_path, ignored);
}

RoutingSnapshot RoutingStateFile::load() const {
    std::ifstream in(m_path, std::ios::binary);
    if (!in) throw RoutingStateError(where() + ": cannot be read: " + lastError());
    std::string text(kMaxBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad()) throw RoutingStateError(where() + ": cannot be read: " + lastError());
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBytes) {
        throw RoutingStateError(where() + ": larger than " + std::to_string(kMaxBytes) +
                                " bytes, more than a session ever saves: not read");
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw RoutingStateError(where() + ": not JSON: " + e.what());
    }
    try {
        return RoutingSnapshot::fromJson(json);
    } catch (const RoutingStateError& e) {
        throw RoutingStateError(where() + ": " + e.what());
    }
}

void RoutingStateFile::save(const RoutingSnapshot& snapshot) const {
    const std::filesystem::path folder = m_path.parent_path();
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw RoutingStateError(where() + ": cannot create the folder " + folder.string() + ": " + error.message());
    ::chmod(folder.c_str(), 0700);
    const std::filesystem::path temporary = m_path.string() + ".tmp." + std::to_string(::getpid());
    FileHandle file(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (file.fd() < 0) throw RoutingStateError(where() + ": cannot create " + temporary.string() + ": " + lastError());
    const bool written = writeAll(file.fd(), snapshot.toJson().dump(2) + "\n") && ::fsync(file.fd()) == 0;
    const std::string problem = lastError();
    if (!file.close() || !written) {
        std::filesystem::remove(temporary, error);
        throw RoutingStateError(where() + ": cannot write " + temporary.string() + ": " + problem);
    }
    if (::rename(temporary.c_str(), m_path.c_str()) != 0) {
        const std::string renameProblem = lastError();
        std::filesystem::remove(temporary, error);
        throw RoutingStateError(where() + ": cannot rename " + temporary.string() + " over it: " + renameProblem);
    }
    FileHandle dir(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.fd() >= 0) ::fsync(dir.fd());  // the rename itself reaches the disk
}

void RoutingStateFile::remove() const {
    std::error_code error;
    std::filesystem::remove(m_path, error);
    if (error) throw RoutingStateError(where() + ": cannot remove it: " + error.message());
}

}  // namespace meshlings::bridge
