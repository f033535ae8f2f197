#pragma once
// The world's unit of time: a count of fixed simulation steps since the world
// was made. The world advances exactly one tick per World::step(); nothing in
// game/world reads a clock. kTicksPerSecond converts to and from seconds for
// level rules and the HUD; the app's loop calls step() that many times a
// second of wall time (and interpolates between ticks when drawing).
#include <compare>
#include <cstdint>

namespace meshlings::world {

inline constexpr std::int64_t kTicksPerSecond = 60;

struct Tick {
    std::int64_t value = 0;

    constexpr Tick() = default;
    constexpr explicit Tick(std::int64_t v) : value(v) {}

    constexpr auto operator<=>(const Tick&) const = default;

    constexpr Tick operator+(std::int64_t ticks) const { return Tick{value + ticks}; }
    constexpr Tick operator-(std::int64_t ticks) const { return Tick{value - ticks}; }
    constexpr std::int64_t operator-(Tick other) const { return value - other.value; }
    constexpr Tick& operator++() {
        ++value;
        return *this;
    }

    static constexpr Tick fromSeconds(double seconds) {
        return Tick{static_cast<std::int64_t>(seconds * static_cast<double>(kTicksPerSecond))};
    }
    constexpr double seconds() const { return static_cast<double>(value) / static_cast<double>(kTicksPerSecond); }
};

constexpr std::int64_t ticksFromSeconds(std::int64_t seconds) {
    return seconds * kTicksPerSecond;
}
constexpr std::int64_t ticksFromMillis(std::int64_t millis) {
    return millis * kTicksPerSecond / 1000;
}

}  // namespace meshlings::world
