#pragma once
// The built-in cluster's own pseudo-random generator (xoshiro256**, seeded
// through SplitMix64). Every random choice of the model comes from one of these,
// so the same seed gives the same cluster. Never std::rand or random_device.
#include <cmath>
#include <cstdint>
#include <string>

namespace meshlings::sim {

class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        for (auto& word : m_state) {
            seed += 0x9E3779B97F4A7C15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31U);
        }
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

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }

    // Uniform integer in [0, bound).
    std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }

    bool chance(double probability) { return uniform() < probability; }

    // Log-normal with the given median and shape (sigma of the underlying normal).
    double logNormal(double median, double sigma) {
        // Box-Muller; the second value is dropped to keep the stream simple.
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        const double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        return median * std::exp(sigma * normal);
    }

    // Kubernetes-style random suffix ("x2x9k") from the alphabet without vowels.
    std::string suffix(int length) {
        static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
        std::string out;
        for (int i = 0; i < length; ++i) out += kAlphabet[below(sizeof kAlphabet - 1)];
        return out;
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_state[4]{};
};

}  // namespace meshlings::sim
