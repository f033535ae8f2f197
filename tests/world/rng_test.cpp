// The Rng the world keeps in its state (k8s/common/rng.hpp, shared with the
// built-in cluster): its sequence is pinned (replays depend on it never changing).
#include "common/rng.hpp"

#include <doctest/doctest.h>

#include <set>

using meshlings::common::Rng;

TEST_CASE("Rng: xoshiro256** seeded by splitmix64 gives the pinned sequence") {
    // Expected values from an independent Python transcription of the reference algorithms.
    Rng zero(0);
    CHECK(zero.next() == 0x99ec5f36cb75f2b4ULL);
    CHECK(zero.next() == 0xbf6e1f784956452aULL);
    CHECK(zero.next() == 0x1a5f849d4933e6e0ULL);
    CHECK(zero.next() == 0x6aa594f1262d2d2cULL);
    CHECK(zero.next() == 0xbba5ad4a1f842e59ULL);

    Rng answer(42);
    CHECK(answer.next() == 0x15780b2e0c2ec716ULL);
    CHECK(answer.next() == 0x6104d9866d113a7eULL);
    CHECK(answer.next() == 0xae17533239e499a1ULL);
}

TEST_CASE("Rng: same seed, same sequence; different seeds differ") {
    Rng a(7), b(7), c(8);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const auto x = a.next();
        CHECK(x == b.next());
        differs = differs || x != c.next();
    }
    CHECK(differs);
    CHECK(a.state() == b.state());
}

TEST_CASE("Rng: below, between and unit stay in range and cover it") {
    Rng rng(1);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto v = rng.below(6);
        CHECK(v < 6);
        seen.insert(v);
        const auto w = rng.between(-3, 3);
        CHECK(w >= -3);
        CHECK(w <= 3);
        const double u = rng.unit();
        CHECK(u >= 0.0);
        CHECK(u < 1.0);
    }
    CHECK(seen.size() == 6);
    CHECK(rng.below(0) == 0);
    CHECK(rng.between(5, 5) == 5);
}
