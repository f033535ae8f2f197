#include "stop_signal.hpp"

namespace meshlings::app {

namespace {

volatile std::sig_atomic_t gReceived = 0;  // written only by the handler; a handler may touch nothing else

extern "C" void onStopSignal(int number) { gReceived = number; }

}  // namespace

StopSignal::StopSignal() {
    gReceived = 0;
    struct sigaction action {};
    action.sa_handler = &onStopSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_previousInt);
    sigaction(SIGTERM, &action, &m_previousTerm);
}

StopSignal::~StopSignal() {
    sigaction(SIGINT, &m_previousInt, nullptr);
    sigaction(SIGTERM, &m_previousTerm, nullptr);
}

bool StopSignal::requested() const { return gReceived != 0; }

int StopSignal::signal() const { return static_cast<int>(gReceived); }

}  // namespace meshlings::app
