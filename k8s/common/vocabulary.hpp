#pragma once
// The one vocabulary for what a request to Bookinfo's /productpage came to,
// shared by the built-in cluster (sim), the probe (mesh), the world, the
// bridge and the front end: the page's outcome, the part of the path that
// failed and the reviews version that answered, with their text spellings
// (the ones replay files and reports hold). Plain enums and constexpr
// functions: no JSON, no other dependency (target meshlings_vocabulary).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace meshlings::common {

enum class PageOutcome : std::uint8_t {
    Full,      // HTTP 200, a complete product page with no error marker
    Degraded,  // HTTP 200, a product page where details, reviews or ratings failed
    Failed,    // no answer, a non-200, or a 200 that is not (all of) a product page
};

// A hop of the user's path; for a failure, the first part that failed.
enum class PagePart : std::uint8_t {
    None,
    Ingress,      // no answer at all, or the gateway's own reply (no healthy upstream, no route, ...)
    ProductPage,  // productpage answered with an error, or with something that is not its page
    Details,      // "Error fetching product details"
    Reviews,      // "Error fetching product reviews"
    Ratings,      // "Ratings service is currently unavailable" in place of the stars
};

// Which reviews version rendered the reviews: v1 shows no stars, v2 black,
// v3 red. None: no reviews (or, for a pod or a subset, no version the game
// knows). Unknown: the probe saw reviews but cannot tell which (ratings failed
// and the pod name does not say); only the probe's verdict says it, and the
// world is handed None for it (bridge::ProbeTranslator).
enum class ReviewsVersion : std::uint8_t { None, V1, V2, V3, Unknown };

// The versions Bookinfo deploys, in order (the weights of a VirtualService follow it).
inline constexpr std::array<ReviewsVersion, 3> kReviewsVersions{ReviewsVersion::V1, ReviewsVersion::V2,
                                                                ReviewsVersion::V3};

// "full", "degraded", "failed".
constexpr std::string_view pageOutcomeName(PageOutcome outcome) {
    switch (outcome) {
        case PageOutcome::Full:
            return "full";
        case PageOutcome::Degraded:
            return "degraded";
        case PageOutcome::Failed:
            return "failed";
    }
    return "?";
}

// "", "ingress", "productpage", "details", "reviews", "ratings".
constexpr std::string_view pagePartName(PagePart part) {
    switch (part) {
        case PagePart::None:
            return "";
        case PagePart::Ingress:
            return "ingress";
        case PagePart::ProductPage:
            return "productpage";
        case PagePart::Details:
            return "details";
        case PagePart::Reviews:
            return "reviews";
        case PagePart::Ratings:
            return "ratings";
    }
    return "?";
}

// "", "v1", "v2", "v3", "unknown".
constexpr std::string_view reviewsVersionName(ReviewsVersion version) {
    switch (version) {
        case ReviewsVersion::None:
            return "";
        case ReviewsVersion::V1:
            return "v1";
        case ReviewsVersion::V2:
            return "v2";
        case ReviewsVersion::V3:
            return "v3";
        case ReviewsVersion::Unknown:
            return "unknown";
    }
    return "";
}

constexpr std::optional<PageOutcome> pageOutcomeFromName(std::string_view name) {
    for (PageOutcome o : {PageOutcome::Full, PageOutcome::Degraded, PageOutcome::Failed}) {
        if (pageOutcomeName(o) == name) return o;
    }
    return std::nullopt;
}

constexpr std::optional<PagePart> pagePartFromName(std::string_view name) {
    for (PagePart p : {PagePart::None, PagePart::Ingress, PagePart::ProductPage, PagePart::Details, PagePart::Reviews,
                       PagePart::Ratings}) {
        if (pagePartName(p) == name) return p;
    }
    return std::nullopt;
}

// "" gives None, "v1".."v3" their version; anything else (a pod label, a
// deployment suffix, a subset or a replay word the game does not know,
// "unknown" included) gives nullopt: Unknown is never read back from text.
constexpr std::optional<ReviewsVersion> reviewsVersionFromName(std::string_view name) {
    if (name.empty()) return ReviewsVersion::None;
    for (ReviewsVersion v : kReviewsVersions) {
        if (reviewsVersionName(v) == name) return v;
    }
    return std::nullopt;
}

}  // namespace meshlings::common
