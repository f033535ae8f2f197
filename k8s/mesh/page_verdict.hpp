#pragma once
// What one answer of Bookinfo's /productpage came to, as a user would judge
// it from the page: full, degraded (HTTP 200 but a part says it is
// unavailable) or failed (no answer, a non-200, or no product page at all);
// which part failed, which reviews version answered (no stars, black, red)
// and which pod ("Reviews served by:"). A plain value: PageClassifier makes
// it, the probe copies it into each ProbeSample, the bridge copies it into the
// world's ProbeResult (the outcome, part and version words are common's,
// vocabulary.hpp).
#include <cstdint>
#include <string>
#include <string_view>

#include "common/vocabulary.hpp"

namespace meshlings::mesh {

// Which productpage template the page came from (Istio >= 1.23 Tailwind, or the older Bootstrap one).
enum class PageTemplate : std::uint8_t { Unknown, Tailwind, Bootstrap };

struct PageVerdict {
    // The longest pod name kept (a Kubernetes object name is at most 253 characters).
    static constexpr std::size_t kMaxPodName = 253;

    common::PageOutcome outcome = common::PageOutcome::Failed;
    common::PagePart failedPart = common::PagePart::None;  // None exactly when outcome is Full
    bool detailsError = false;
    bool reviewsError = false;
    bool ratingsUnavailable = false;
    bool cutShort = false;  // a product page that stops before its end (counts as Failed at productpage)
    common::ReviewsVersion reviews = common::ReviewsVersion::None;
    int stars = 0;           // full stars shown in the first review (0 for v1 or when ratings failed)
    std::string reviewsPod;  // the pod after "Reviews served by:"; empty when absent
    PageTemplate pageTemplate = PageTemplate::Unknown;

    bool operator==(const PageVerdict&) const = default;
};

std::string_view pageTemplateName(PageTemplate pageTemplate);  // "unknown", "tailwind", "bootstrap"
// One line for logs and test failures: "degraded details v2 reviews-v2-abc (tailwind)".
std::string describe(const PageVerdict& verdict);

}  // namespace meshlings::mesh
