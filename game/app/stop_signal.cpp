#include "app/stop_signal.hpp"

namespace meshlings::app {

namespace {

volatile std::sig_atomic_t gReceived = 0;  // written only by the handler; a handler may touch nothing else

volatile std::sig_atomic_t gHalt = 0;  // likewise, for SIGUSR1

extern "C" void onStopSignal(int number) {
    gReceived = number;
}

extern "C" void onHaltSignal(int /*number*/) {
    gHalt = 1;
}

}  // namespace

StopSignal::StopSignal() {
    gReceived = 0;
    struct sigaction action {};
    action.sa_handler = &onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_previousInt);
    sigaction(SIGTERM, &action, &m_previousTerm);
    gHalt = 0;
    struct sigaction halt {};
    halt.sa_handler = &onHaltSignal;
    sigemptyset(&halt.sa_mask);
    halt.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &halt, &m_previousUsr1);
}

StopSignal::~StopSignal() {
    sigaction(SIGINT, &m_previousInt, nullptr);
    sigaction(SIGTERM, &m_previousTerm, nullptr);
    sigaction(SIGUSR1, &m_previousUsr1, nullptr);
}

bool StopSignal::requested() const {
    return gReceived != 0;
}

int StopSignal::signal() const {
    return static_cast<int>(gReceived);
}

bool StopSignal::takeHalt() const {
    if (gHalt == 0) return false;
    gHalt = 0;
    return true;
}

}  // namespace meshlings::app
