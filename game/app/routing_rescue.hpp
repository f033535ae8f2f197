#pragma once
// What a halt (the player's emergency stop, SIGUSR1) and the dead man's
// switch (contact with the API server lost) set going: on a thread of its
// own, first `quiesce` (stop the automatic callers: the level director, the
// routing executor -- waits for a call in flight, so not on the game loop),
// then `attempt` to restore the routing, again and again with a doubling
// wait (firstDelay up to maxDelay seconds) until it reports finished or the
// rescue is stopped (the player quits). The game loop reads its progress
// for the banner. stop() and the destructor end the thread without waiting
// out a pause.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace meshlings::app {

struct RescueAttempt {
    bool finished = false;  // restored, or nothing more a retry could do (a conflict)
    std::string text;       // what happened, for the banner
};

class RoutingRescue {
public:
    RoutingRescue(std::function<void()> quiesce, std::function<RescueAttempt()> attempt, double firstDelay = 0.5,
                  double maxDelay = 8.0);
    ~RoutingRescue();
    RoutingRescue(const RoutingRescue&) = delete;
    RoutingRescue& operator=(const RoutingRescue&) = delete;

    void stop();
    bool finished() const;
    int attempts() const;
    // The last attempt's text ("" before the first).
    std::string lastText() const;

private:
    void run(const std::stop_token& stop);

    std::function<void()> m_quiesce;
    std::function<RescueAttempt()> m_attempt;
    double m_firstDelay;
    double m_maxDelay;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    bool m_finished = false;
    int m_attempts = 0;
    std::string m_lastText;
    std::jthread m_thread;  // last: started after everything it reads
};

}  // namespace meshlings::app
