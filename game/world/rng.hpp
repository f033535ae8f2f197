#pragma once
// The world's own pseudo-random source: xoshiro256** seeded through
// splitmix64, so a seed gives the same sequence on every platform and every
// run. Part of the world state (it is hashed into the digest and advances only
// inside World::step), never shared with other threads. No rand(),
// random_device or clock anywhere in game/world.
#include <array>
#include <cstdint>

namespace meshlings::world {

class Rng {
public:
    explicit Rng(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, bound); 0 when bound is 0. Unbiased (rejection).
    std::uint64_t below(std::uint64_t bound);
    // Uniform integer in [lo, hi] (inclusive).
    std::int64_t between(std::int64_t lo, std::int64_t hi);
    // Uniform in [0, 1) with 53 bits.
    double unit();

    const std::array<std::uint64_t, 4>& state() const { return m_state; }

private:
    std::array<std::uint64_t, 4> m_state{};
};

// One step of splitmix64 (also used to derive seeds).
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace meshlings::world
