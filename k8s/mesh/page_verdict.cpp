#include "mesh/page_verdict.hpp"

namespace meshlings::mesh {

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
    using common::PagePart;
    std::string line(common::pageOutcomeName(verdict.outcome));
    auto add = [&line](std::string_view word) {
        if (word.empty()) return;
        line += ' ';
        line += word;
    };
    add(common::pagePartName(verdict.failedPart));
    if (verdict.detailsError && verdict.failedPart != PagePart::Details) add("+details");
    if (verdict.reviewsError && verdict.failedPart != PagePart::Reviews) add("+reviews");
    if (verdict.ratingsUnavailable && verdict.failedPart != PagePart::Ratings) add("+ratings");
    if (verdict.cutShort) add("cut-short");
    add(common::reviewsVersionName(verdict.reviews));
    if (verdict.stars > 0) add(std::to_string(verdict.stars) + "*");
    add(verdict.reviewsPod);
    line += " (";
    line += pageTemplateName(verdict.pageTemplate);
    line += ')';
    return line;
}

}  // namespace meshlings::mesh
