#include "app/session_loop.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "app/game_session.hpp"
#include "app/stop_signal.hpp"
#include "world/model/tick.hpp"

namespace meshlings::app {

SessionLoop::SessionLoop(GameSession& session, const StopSignal* stop, FixedStepClock::Seconds now, double timeScale)
    : m_session(session),
      m_stop(stop),
      m_clock(std::move(now), static_cast<double>(world::kTicksPerSecond) * std::max(1.0, timeScale)) {}

SessionLoop::End SessionLoop::run(const Frame& frame) {
    for (;;) {
        const double frameStart = FixedStepClock::steadySeconds();
        if (frame.input && !frame.input()) return End::Quit;
        if (m_stop && m_stop->requested()) {
            m_session.interrupt();  // no exec plugin holds up the end
            return End::Stopped;
        }
        if (m_stop && m_stop->takeHalt()) m_session.halt("SIGUSR1");
        if (tick(frame)) return End::Done;
        if (frame.draw) frame.draw(m_clock.alpha());
        if (frame.durationSeconds > 0 && m_clock.elapsed() >= frame.durationSeconds) return End::TimeUp;
        const double spent = FixedStepClock::steadySeconds() - frameStart;
        if (spent < frame.minFrameSeconds) {
            std::this_thread::sleep_for(std::chrono::duration<double>(frame.minFrameSeconds - spent));
        }
    }
}

bool SessionLoop::tick(const Frame& frame) {
    for (int steps = m_clock.advance(); steps > 0; --steps) {
        m_session.tick(frame.commands ? frame.commands() : std::vector<world::Command>{});
        if (frame.done && frame.done()) return true;
    }
    return false;
}

}  // namespace meshlings::app
