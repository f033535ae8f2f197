#include "world/model/reviews_weights.hpp"

namespace meshlings::world {

int ReviewsWeights::weightOf(common::ReviewsVersion version) const {
    if (version == common::ReviewsVersion::None || version == common::ReviewsVersion::Unknown) return 0;
    if (!defined) return 100 / 3;
    return percent[static_cast<std::size_t>(version) - 1];
}

bool ReviewsWeights::valid() const {
    int sum = 0;
    for (int p : percent) {
        if (p < 0 || p > 100) return false;
        sum += p;
    }
    return sum == 100;
}

std::string ReviewsWeights::text() const {
    if (!defined) return "round robin";
    return "v1 " + std::to_string(percent[0]) + " / v2 " + std::to_string(percent[1]) + " / v3 " +
           std::to_string(percent[2]);
}

}  // namespace meshlings::world
