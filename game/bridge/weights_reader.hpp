#pragma once
// Reads the reviews traffic split from the `reviews` VirtualService the way
// the probe's requests meet it: the first HTTP rule without a `match` (the
// default route; rules matching a header, like Bookinfo's end-user "jason"
// test route, do not apply to the probe), its destinations' subsets v1/v2/v3
// and weights. A single destination without a weight takes 100 %. No
// VirtualService, or a route the game cannot express as v1/v2/v3 weights,
// reads as undefined (round robin over all reviews pods).
#include <nlohmann/json.hpp>

#include "world/model/reviews_weights.hpp"

namespace meshlings::bridge {

class WeightsReader {
public:
    // `virtualService` may be null (none in the namespace).
    static world::ReviewsWeights read(const nlohmann::json* virtualService);
    // The index in spec.http of the rule read above, or -1.
    static int defaultRuleIndex(const nlohmann::json& virtualService);
};

}  // namespace meshlings::bridge
