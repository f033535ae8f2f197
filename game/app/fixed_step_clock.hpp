#pragma once
// The textbook fixed timestep: real time flows into an accumulator, which is
// spent in whole ticks of 1/kTicksPerSecond; the accumulator is clamped (a
// stall, a debugger or a dragged window does not make the world race to
// catch up) and a frame runs at most maxSteps() ticks. alpha() is the
// fraction of a tick left over, for drawing between the last two states.
// The time source is injected so tests control time.
#include <chrono>
#include <functional>

namespace meshlings::app {

class FixedStepClock {
public:
    using Seconds = std::function<double()>;  // a monotonic time in seconds

    static constexpr double kMaxFrameSeconds = 0.25;
    static constexpr int kMaxStepsPerFrame = 8;

    // `now` defaults to std::chrono::steady_clock. `ticksPerSecond` above the world's kTicksPerSecond
    // (compressed play) raises the cap on ticks per frame in proportion.
    explicit FixedStepClock(Seconds now = {}, double ticksPerSecond = 0);

    // Reads the time and returns how many ticks to step this frame (0..maxSteps()).
    int advance();
    // The fraction of a tick in the accumulator after advance(), in [0, 1).
    double alpha() const { return m_accumulator / m_tickSeconds; }
    double tickSeconds() const { return m_tickSeconds; }
    int maxSteps() const { return m_maxSteps; }
    // Seconds of real time since the clock was made.
    double elapsed() const;
    // Forget the time passed since the last advance() (after a blocking call).
    void resync();

    static double steadySeconds();

private:
    Seconds m_now;
    double m_tickSeconds;
    int m_maxSteps;
    double m_start;
    double m_last;
    double m_accumulator = 0;
};

}  // namespace meshlings::app
