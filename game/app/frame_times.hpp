#pragma once
// Frame times in 0.1 ms buckets up to 2 s, for the lines the windowed game
// prints at exit: "frame time" (a frame's work: input, ticks, drawing,
// present, as BENCHMARKS.md section 4 measures it) and "frame interval"
// (present to present, the sleep to the frame cap included): count, p50,
// p99, max. Fixed memory however long the game runs. Plain data; the caller
// times frames.
#include <array>
#include <cstdint>
#include <string>

namespace meshlings::app {

class FrameTimes {
public:
    void add(double seconds);
    std::uint64_t count() const { return m_count; }
    // The time (ms) at or under which `fraction` of the frames took; 0 with no frames.
    double percentileMs(double fraction) const;
    double maxMs() const { return m_maxMs; }
    // "frame time: 5400 frames, p50 8.4 ms, p99 21.0 ms, max 130.2 ms" (`label`: "frame time")
    std::string line(const std::string& label) const;

private:
    static constexpr double kBucketMs = 0.1;
    static constexpr std::size_t kBuckets = 20000;  // 2 s; longer frames fall in the last bucket

    std::array<std::uint32_t, kBuckets> m_buckets{};
    std::uint64_t m_count = 0;
    double m_maxMs = 0;
};

}  // namespace meshlings::app
