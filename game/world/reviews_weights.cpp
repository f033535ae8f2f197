#include "reviews_weights.hpp"

namespace meshlings::world {

std::string_view reviewsVersionName(ReviewsVersion version) {
    switch (version) {
        case ReviewsVersion::V1:
            return "v1";
        case ReviewsVersion::V2:
            return "v2";
        case ReviewsVersion::V3:
            return "v3";
        case ReviewsVersion::None:
            break;
    }
    return "";
}

std::optional<ReviewsVersion> reviewsVersionFromName(std::string_view name) {
    if (name.empty()) return ReviewsVersion::None;
    for (ReviewsVersion v : kReviewsVersions) {
        if (reviewsVersionName(v) == name) return v;
    }
    return std::nullopt;
}

int ReviewsWeights::weightOf(ReviewsVersion version) const {
    if (version == ReviewsVersion::None) return 0;
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
