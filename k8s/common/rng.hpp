#pragma once
// The one pseudo-random generator of the game and of the built-in cluster:
// xoshiro256** seeded through SplitMix64, so a seed gives the same sequence on
// every platform and every run. Each owner keeps its own (the world's is part
// of its state, hashed into the digest and advanced only inside World::step;
// the cluster model keeps one per stream), never shared between threads. No
// rand(), random_device or clock anywhere it is used.
#include <array>
#include <cmath>
#include <cstdint>

namespace meshlings::common {

// One step of SplitMix64 (also used to derive seeds).
inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
}

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : m_state) word = splitmix64(seed);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17U;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, bound); 0 when bound is 0. Unbiased: the draws below
    // 2^64 mod bound, which would favour the low values, are drawn again.
    std::uint64_t below(std::uint64_t bound) {
        if (bound == 0) return 0;
        const std::uint64_t limit = -bound % bound;  // 2^64 mod bound
        for (;;) {
            const std::uint64_t r = next();
            if (r >= limit) return r % bound;
        }
    }

    // Uniform integer in [lo, hi] (inclusive); lo when hi <= lo.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        if (hi <= lo) return lo;
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
        return lo + static_cast<std::int64_t>(below(span));
    }

    // Uniform in [0, 1) with 53 bits.
    double unit() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }

    // True with the given probability.
    bool chance(double probability) { return unit() < probability; }

    // Log-normal with the given median and shape (sigma of the underlying normal).
    double logNormal(double median, double sigma) {
        // Box-Muller; the second value is dropped to keep the stream simple.
        const double u1 = 1.0 - unit();
        const double u2 = unit();
        const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        return median * std::exp(sigma * normal);
    }

    const std::array<std::uint64_t, 4>& state() const { return m_state; }

private:
    static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

    std::array<std::uint64_t, 4> m_state{};
};

}  // namespace meshlings::common
