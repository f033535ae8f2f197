#pragma once
// SIGINT and SIGTERM as a request to end the session cleanly (finish the
// recording, stop the watches and the built-in cluster) instead of killing
// the process. Installs its handlers for as long as it lives and puts the
// previous ones back after; one at a time. Install it before SDL is
// initialised: SDL then leaves these signals alone.
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

private:
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
};

}  // namespace meshlings::app
