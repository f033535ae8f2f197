#pragma once
// A point on the map in tile units (x to the right, y down; a tile is 16 px
// before the renderer's integer scale). Positions of pods and meshlings are
// given as the point their feet touch.
#include <cmath>

namespace meshlings::world {

struct Vec2 {
    float x = 0;
    float y = 0;

    constexpr bool operator==(const Vec2&) const = default;
    constexpr Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
    constexpr Vec2 operator-(Vec2 o) const { return {x - o.x, y - o.y}; }
    constexpr Vec2 operator*(float k) const { return {x * k, y * k}; }
    float length() const { return std::hypot(x, y); }
};

// The point a fraction `t` (0..1) of the way from `a` to `b`; the renderer
// draws lerp(previous, current, alpha) between two ticks.
constexpr Vec2 lerp(Vec2 a, Vec2 b, float t) {
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

}  // namespace meshlings::world
