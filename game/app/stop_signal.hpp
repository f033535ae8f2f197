#pragma once
// SIGINT and SIGTERM as a request to end the session cleanly (finish the
// recording, stop the watches and the built-in cluster) instead of killing
// the process. Installs its handlers for as long as it lives and puts the
// previous ones back after; one at a time. Install it before SDL is
// initialised: SDL then leaves these signals alone.
// SIGUSR1 is the halt-all from outside (`kill -USR1 PID`): it does not end
// the session, it is taken once by takeHalt() and the session halts.
#include <csignal>

namespace meshlings::app {

class StopSignal {
public:
    StopSignal();
    ~StopSignal();
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    bool requested() const;
    // The signal that arrived (SIGINT, SIGTERM) or 0.
    int signal() const;
    // True once per SIGUSR1 received since the last call.
    bool takeHalt() const;

private:
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
    struct sigaction m_previousUsr1 {};
};

}  // namespace meshlings::app
