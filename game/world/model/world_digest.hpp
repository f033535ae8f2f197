#pragma once
// A fingerprint of the world's state (FNV-1a 64 over the integer state: tick,
// Rng, pods, meshlings, figures, requests, level progress) and the one-line
// outcome a replay file ends with: if two worlds print the same outcome line,
// they went through the same session. Floats are left out of the hash (they
// follow from the hashed integers and the seed).
#include <cstdint>
#include <string>

namespace meshlings::world {

class World;

class WorldDigest {
public:
    static std::uint64_t of(const World& world);
    // "result=won requests=120 saved=100 degraded=12 lost=8 success=83.3 p99=240 objectives=met,met digest=..."
    static std::string outcomeLine(const World& world);
};

}  // namespace meshlings::world
