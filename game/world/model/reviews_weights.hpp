#pragma once
// The reviews versions of Bookinfo and the traffic split between them, as the
// `reviews` VirtualService states it (or as the player asks for it). With no
// VirtualService (`defined` false) Kubernetes spreads requests over all
// reviews pods, which the HUD shows as "round robin".
#include <array>
#include <string>

#include "common/vocabulary.hpp"

namespace meshlings::world {

struct ReviewsWeights {
    std::array<int, 3> percent{};  // v1, v2, v3
    bool defined = false;          // false: no VirtualService route, round robin

    static ReviewsWeights of(int v1, int v2, int v3) { return ReviewsWeights{{v1, v2, v3}, true}; }

    int weightOf(common::ReviewsVersion version) const;  // 0 for None and Unknown
    // Each weight in 0..100 and their sum 100.
    bool valid() const;
    // "v1 80 / v2 0 / v3 20" or "round robin".
    std::string text() const;

    bool operator==(const ReviewsWeights&) const = default;
};

}  // namespace meshlings::world
