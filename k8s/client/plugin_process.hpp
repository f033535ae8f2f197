#pragma once
// One run of an exec credential plugin as a process: started in a process
// group of its own (setpgid), so that on a deadline, a cancel or too much
// output the whole group -- the plugin and whatever it started -- gets
// SIGTERM and, after a short grace, SIGKILL. Its stdout is read up to a cap
// and its stderr up to a smaller one (the rest of stderr is dropped). The
// process belongs to this object: the destructor kills a group still running.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "client/cancel_flag.hpp"

namespace meshlings::k8s {

struct PluginLimits {
    std::chrono::milliseconds timeout{60'000};
    std::size_t maxOutputBytes = 1024 * 1024;  // stdout; more is an error
    std::size_t maxErrorBytes = 64 * 1024;     // stderr kept for messages; more is dropped
    std::chrono::milliseconds killGrace{500};  // between SIGTERM and SIGKILL of the group
};

struct PluginOutcome {
    enum class End { Exited, Signalled, TimedOut, Cancelled, TooMuchOutput, Stopped };
    End end = End::Exited;
    int code = 0;  // the exit code (Exited) or the signal (Signalled, Stopped)
    std::string output;
    std::string errors;
};

class PluginProcess {
public:
    // Starts `argv` with `env`; stdin is the caller's when `passStdin`, else /dev/null.
    // Throws std::system_error (the errno of the spawn) when it cannot be started.
    PluginProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env, bool passStdin);
    ~PluginProcess();
    PluginProcess(const PluginProcess&) = delete;
    PluginProcess& operator=(const PluginProcess&) = delete;

    // Reads until the plugin closes its output and is reaped, or the deadline, the cancel or the cap ends it
    // (then the group is killed and reaped before this returns). Once.
    PluginOutcome wait(const PluginLimits& limits, CancelFlag* cancel);

    pid_t pid() const { return m_pid; }

private:
    // SIGTERM to the group, up to `grace` for the plugin to go, SIGKILL to the group, then reaps the plugin.
    void killGroup(std::chrono::milliseconds grace);
    int reap();

    pid_t m_pid = -1;  // also the group's id; -1 once reaped
    int m_out = -1;
    int m_err = -1;
    bool m_watchStops = false;  // stdin is the terminal: a read from it stops the plugin's group (SIGTTIN)
};

}  // namespace meshlings::k8s
