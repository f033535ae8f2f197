#include "client/plugin_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <system_error>
#include <thread>

namespace meshlings::k8s {

namespace {

struct PluginPipe {
    int fds[2] = {-1, -1};
    PluginPipe() {
        if (pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
    }
    ~PluginPipe() {
        for (int fd : fds)
            if (fd >= 0) close(fd);
    }
    PluginPipe(const PluginPipe&) = delete;
    PluginPipe& operator=(const PluginPipe&) = delete;
    int take(int end) {
        const int fd = fds[end];
        fds[end] = -1;
        return fd;
    }
};

// A file descriptor closed at the end of the scope.
struct OwnedFd {
    int fd;
    explicit OwnedFd(int value) : fd(value) {}
    ~OwnedFd() {
        if (fd >= 0) close(fd);
    }
    OwnedFd(const OwnedFd&) = delete;
    OwnedFd& operator=(const OwnedFd&) = delete;
};

struct SpawnSetup {
    posix_spawn_file_actions_t actions{};
    posix_spawnattr_t attributes{};
    SpawnSetup() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attributes);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attributes);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;
};

// Readable once the process has exited (Linux 5.3); -1 where there is none. Through syscall():
// glibc 2.36's <sys/pidfd.h> declares pidfd_open without C linkage for C++.
int openPidfd(pid_t pid) {
    return static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
}

bool stoppedByTerminal(pid_t pid) {
    siginfo_t info{};
    return waitid(P_PID, static_cast<id_t>(pid), &info, WSTOPPED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid &&
           info.si_code == CLD_STOPPED;
}

}  // namespace

PluginProcess::PluginProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                             bool passStdin) {
    std::vector<std::string> argStore = argv;
    std::vector<std::string> envStore = env;
    std::vector<char*> args;
    for (auto& arg : argStore) args.push_back(arg.data());
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& entry : envStore) envp.push_back(entry.data());
    envp.push_back(nullptr);

    PluginPipe out;
    PluginPipe err;
    SpawnSetup setup;
    if (!passStdin) posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&setup.actions, out.fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&setup.actions, err.fds[1], STDERR_FILENO);
    // A group of its own (pgid = its pid): the plugin and everything it starts are killed together.
    posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&setup.attributes, 0);
    pid_t pid = 0;
    const int spawned =
        posix_spawnp(&pid, argStore.front().c_str(), &setup.actions, &setup.attributes, args.data(), envp.data());
    if (spawned != 0) throw std::system_error(spawned, std::generic_category(), "posix_spawnp");
    m_pid = pid;
    m_watchStops = passStdin;
    m_out = out.take(0);
    m_err = err.take(0);
}

PluginProcess::~PluginProcess() {
    if (m_pid > 0) killGroup(std::chrono::milliseconds(0));
    if (m_out >= 0) close(m_out);
    if (m_err >= 0) close(m_err);
}

PluginOutcome PluginProcess::wait(const PluginLimits& limits, CancelFlag* cancel) {
    using Steady = std::chrono::steady_clock;
    const auto deadline = Steady::now() + limits.timeout;
    PluginOutcome outcome;
    const OwnedFd wake(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    const OwnedFd exited(openPidfd(m_pid));  // readable once the plugin has exited
    if (cancel) {
        const int fd = wake.fd;
        cancel->setWaker([fd] {
            const std::uint64_t one = 1;
            [[maybe_unused]] const auto written = write(fd, &one, sizeof one);
        });
    }
    std::array<pollfd, 4> fds{pollfd{m_out, POLLIN, 0}, pollfd{m_err, POLLIN, 0}, pollfd{exited.fd, POLLIN, 0},
                              pollfd{wake.fd, POLLIN, 0}};
    char buffer[65536];
    bool ended = false;
    while (!ended) {
        if (cancel && cancel->cancelled()) {
            outcome.end = PluginOutcome::End::Cancelled;
            break;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now()).count();
        if (left <= 0) {
            outcome.end = PluginOutcome::End::TimedOut;
            break;
        }
        // A plugin reading the terminal from its own group is stopped by SIGTTIN: look every 200 ms.
        const int slice = m_watchStops ? static_cast<int>(std::min<long long>(left, 200)) : static_cast<int>(left);
        if (poll(fds.data(), fds.size(), slice) < 0) continue;  // EINTR; the deadline bounds any other error
        if (m_watchStops && stoppedByTerminal(m_pid)) {
            outcome.end = PluginOutcome::End::Stopped;
            break;
        }
        for (std::size_t i = 0; i < 2 && !ended; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                fds[i].fd = -1;
                continue;
            }
            const auto size = static_cast<std::size_t>(n);
            if (i == 0 && outcome.output.size() + size > limits.maxOutputBytes) {
                outcome.end = PluginOutcome::End::TooMuchOutput;
                ended = true;
            } else if (i == 0) {
                outcome.output.append(buffer, size);
            } else if (outcome.errors.size() < limits.maxErrorBytes) {
                outcome.errors.append(buffer, std::min(size, limits.maxErrorBytes - outcome.errors.size()));
            }
        }
        if (fds[2].fd >= 0 && (fds[2].revents & POLLIN)) fds[2].fd = -1;
        const bool exitedNow = exited.fd < 0 || fds[2].fd < 0;
        if (!ended && fds[0].fd < 0 && fds[1].fd < 0 && exitedNow) break;
    }
    if (cancel) cancel->setWaker({});
    if (outcome.end != PluginOutcome::End::Exited) {
        killGroup(limits.killGrace);
        return outcome;
    }
    const int status = reap();
    if (WIFEXITED(status)) {
        outcome.code = WEXITSTATUS(status);
    } else {
        outcome.end = PluginOutcome::End::Signalled;
        outcome.code = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    }
    return outcome;
}

void PluginProcess::killGroup(std::chrono::milliseconds grace) {
    // The plugin is not reaped before the group's SIGKILL: its pid stays the group's, never reused meanwhile.
    kill(-m_pid, SIGTERM);
    kill(-m_pid, SIGCONT);  // a stopped group would not act on SIGTERM
    const OwnedFd exited(openPidfd(m_pid));
    if (exited.fd >= 0 && grace.count() > 0) {
        pollfd fd{exited.fd, POLLIN, 0};
        while (poll(&fd, 1, static_cast<int>(grace.count())) < 0 && errno == EINTR) {
        }
    }
    kill(-m_pid, SIGKILL);
    reap();
}

int PluginProcess::reap() {
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    return status;
}

}  // namespace meshlings::k8s
