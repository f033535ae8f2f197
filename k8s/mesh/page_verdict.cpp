#include "page_verdict.hpp"

namespace meshlings::mesh {

std::string_view pageOutcomeName(PageOutcome outcome) {
    switch (outcome) {
        case PageOutcome::Full:
            return "full";
        case PageOutcome::Degraded:
            return "degraded";
        case PageOutcome::Failed:
            return "failed";
    }
    return "failed";
}

std::string_view pagePartName(PagePart part) {
    switch (part) {
        case PagePart::None:
            return "";
        case PagePart::Ingress:
            return "ingress";
        case PagePart::Productpage:
            return "productpage";
        case PagePart::Details:
            return "details";
        case PagePart::Reviews:
            return "reviews";
        case PagePart::Ratings:
            return "ratings";
    }
    return "";
}

std::string_view reviewsVersionName(ReviewsVersion version) {
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

std::string_view pageTemplateName(PageTemplate pageTemplate) {
    switch (pageTemplate) {
        case PageTemplate::Unknown:
            return "unknown";
        case PageTemplate::Tailwind:
            return "tailwind";
        case PageTemplate::Bootstrap:
            return "bootstrap";
    }
    return "unknown";
}

std::string describe(const PageVerdict& verdict) {
    std::string line(pageOutcomeName(verdict.outcome));
    auto add = [&line](std::string_view word) {
        if (word.empty()) return;
        line += ' ';
        line += word;
    };
    add(pagePartName(verdict.failedPart));
    if (verdict.detailsError && verdict.failedPart != PagePart::Details) add("+details");
    if (verdict.reviewsError && verdict.failedPart != PagePart::Reviews) add("+reviews");
    if (verdict.ratingsUnavailable && verdict.failedPart != PagePart::Ratings) add("+ratings");
    if (verdict.cutShort) add("cut-short");
    add(reviewsVersionName(verdict.reviews));
    if (verdict.stars > 0) add(std::to_string(verdict.stars) + "*");
    add(verdict.reviewsPod);
    line += " (";
    line += pageTemplateName(verdict.pageTemplate);
    line += ')';
    return line;
}

}  // namespace meshlings::mesh
