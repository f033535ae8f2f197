#pragma once
// The one loop every session runs in (the window, headless play, the drill
// and the tests): each frame reads the caller's input first, then ticks the
// GameSession as often as the FixedStepClock says, handing the frame's
// commands (the player's) to the session with each tick, then draws if
// the caller draws, then sleeps what is left of the frame's minimum time.
// SIGINT/SIGTERM (the StopSignal) end it (GameSession::interrupt()); SIGUSR1 halts the session
// (GameSession::halt("SIGUSR1")) and the loop goes on. It also ends when the
// caller's input says quit, when the caller's end condition holds after a
// tick, or when the duration has passed. The loop owns its clock; the
// session, the signal and the callbacks belong to the caller.
#include <functional>
#include <vector>

#include "app/fixed_step_clock.hpp"
#include "world/model/command.hpp"

namespace meshlings::app {

class GameSession;
class StopSignal;

class SessionLoop {
public:
    // What a caller adds around the ticks; every member may be left empty.
    struct Frame {
        std::function<bool()> input;                            // first in a frame; false: quit
        std::function<std::vector<world::Command>()> commands;  // handed to the session before each tick
        std::function<void(double alpha)> draw;                 // after the frame's ticks
        std::function<bool()> done;                             // after each tick; true ends the loop
        double durationSeconds = 0;                             // of the clock's time; <= 0: no limit
        double minFrameSeconds = 0.004;                         // the rest of a shorter frame is slept
    };
    enum class End { Stopped, Quit, Done, TimeUp };

    // `stop` may be null (no signals taken). `now` is the clock's time source (steady clock by default).
    // `timeScale` > 1 runs that many world seconds per second of `now` (compressed play on a built-in
    // cluster started with the same scale).
    SessionLoop(GameSession& session, const StopSignal* stop, FixedStepClock::Seconds now = {}, double timeScale = 1);

    // Runs frames until one of the ends, which it returns.
    End run(const Frame& frame);
    // Forgets the time spent since the last frame (after a blocking start).
    void resync() { m_clock.resync(); }
    const FixedStepClock& clock() const { return m_clock; }

private:
    // The frame's ticks; true when `done` held after one of them.
    bool tick(const Frame& frame);

    GameSession& m_session;
    const StopSignal* m_stop;
    FixedStepClock m_clock;
};

}  // namespace meshlings::app
