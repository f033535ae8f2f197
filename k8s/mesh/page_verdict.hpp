#pragma once
// What one answer of Bookinfo's /productpage came to, as a user would judge
// it from the page: full, degraded (HTTP 200 but a part says it is
// unavailable) or failed (no answer, a non-200, or no product page at all);
// which part failed, which reviews version answered (no stars, black, red)
// and which pod ("Reviews served by:"). A plain value: PageClassifier makes
// it, the probe copies it into each ProbeSample, the bridge maps it onto the
// world's ProbeResult (PagePart mirrors world::Hop one to one).
#include <cstdint>
#include <string>
#include <string_view>

namespace meshlings::mesh {

enum class PageOutcome : std::uint8_t {
    Full,      // HTTP 200, a complete product page with no error marker
    Degraded,  // HTTP 200, a product page where details, reviews or ratings failed
    Failed,    // no answer, a non-200, or a 200 that is not (all of) a product page
};

// A hop of the user's path; for a failure, the first part that failed.
enum class PagePart : std::uint8_t {
    None,
    Ingress,      // no answer at all, or the gateway's own reply (no healthy upstream, no route, ...)
    Productpage,  // productpage answered with an error, or with something that is not its page
    Details,      // "Error fetching product details"
    Reviews,      // "Error fetching product reviews"
    Ratings,      // "Ratings service is currently unavailable" in place of the stars
};

// Which reviews version rendered the reviews: v1 shows no stars, v2 black,
// v3 red. None: no reviews on the page; Unknown: reviews but no telling which
// (ratings failed and the pod name does not say).
enum class ReviewsVersion : std::uint8_t { None, V1, V2, V3, Unknown };

// Which productpage template the page came from (Istio >= 1.23 Tailwind, or the older Bootstrap one).
enum class PageTemplate : std::uint8_t { Unknown, Tailwind, Bootstrap };

struct PageVerdict {
    // The longest pod name kept (a Kubernetes object name is at most 253 characters).
    static constexpr std::size_t kMaxPodName = 253;

    PageOutcome outcome = PageOutcome::Failed;
    PagePart failedPart = PagePart::None;  // None exactly when outcome is Full
    bool detailsError = false;
    bool reviewsError = false;
    bool ratingsUnavailable = false;
    bool cutShort = false;  // a product page that stops before its end (counts as Failed at productpage)
    ReviewsVersion reviews = ReviewsVersion::None;
    int stars = 0;           // full stars shown in the first review (0 for v1 or when ratings failed)
    std::string reviewsPod;  // the pod after "Reviews served by:"; empty when absent
    PageTemplate pageTemplate = PageTemplate::Unknown;

    bool operator==(const PageVerdict&) const = default;
};

std::string_view pageOutcomeName(PageOutcome outcome);         // "full", "degraded", "failed"
std::string_view pagePartName(PagePart part);                  // "", "ingress", "productpage", "details", ...
std::string_view reviewsVersionName(ReviewsVersion version);   // "", "v1", "v2", "v3", "unknown"
std::string_view pageTemplateName(PageTemplate pageTemplate);  // "unknown", "tailwind", "bootstrap"
// One line for logs and test failures: "degraded details v2 reviews-v2-abc (tailwind)".
std::string describe(const PageVerdict& verdict);

}  // namespace meshlings::mesh
