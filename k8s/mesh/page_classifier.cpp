#include "mesh/page_classifier.hpp"

#include <algorithm>
#include <array>

namespace meshlings::mesh {

namespace {

constexpr std::string_view kTitle = "Simple Bookstore App";
constexpr std::string_view kDetailsHeading = "Book Details";
constexpr std::string_view kReviewsHeading = "Book Reviews";
constexpr std::string_view kDetailsError = "Error fetching product details";
constexpr std::string_view kReviewsError = "Error fetching product reviews";
constexpr std::string_view kRatingsError = "Ratings service is currently unavailable";
constexpr std::string_view kServedBy = "Reviews served by:";
constexpr std::string_view kReview = "<blockquote";
constexpr std::string_view kReviewEnd = "</blockquote>";
constexpr std::string_view kStar = "glyphicon-star";  // also the prefix of "glyphicon-star-empty"
constexpr std::string_view kPageEnd = "</html>";
// How far before the first star its colour is looked for, and after "Reviews served by:" the pod name.
constexpr std::size_t kColorLookBack = 512;
constexpr std::size_t kPodLookAhead = 512;

// Envoy's own replies when the gateway could not get an answer from productpage.
constexpr std::array<std::string_view, 7> kLocalReplies = {"no healthy upstream", "upstream connect error",
                                                           "cluster not found",   "upstream request timeout",
                                                           "fault filter abort",  "no route",
                                                           "upstream reset"};

bool has(std::string_view text, std::string_view what) {
    return text.find(what) != std::string_view::npos;
}

bool isPodChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_';
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

PageTemplate templateOf(std::string_view page) {
    if (has(page, "bootstrap") || has(page, "<font color=") || has(page, "text-center text-primary")) {
        return PageTemplate::Bootstrap;
    }
    if (has(page, "tailwind") || has(page, "gap-x-1") || has(page, "text-3xl") || has(page, "<svg")) {
        return PageTemplate::Tailwind;
    }
    return PageTemplate::Unknown;
}

// The name after "Reviews served by:", past blanks and tags (`</dt>`, `<u>`, `<div ...>`).
std::string podAfter(std::string_view page, std::size_t from) {
    const std::size_t end = std::min(page.size(), from + kPodLookAhead);
    std::size_t i = from;
    while (i < end) {
        if (isSpace(page[i])) {
            ++i;
        } else if (page[i] == '<') {
            const std::size_t close = page.find('>', i);
            if (close == std::string_view::npos || close >= end) return {};
            i = close + 1;
        } else {
            break;
        }
    }
    std::size_t stop = i;
    while (stop < page.size() && stop - i < PageVerdict::kMaxPodName && isPodChar(page[stop])) ++stop;
    return std::string(page.substr(i, stop - i));
}

// The colour word of the last `color="X"` (Bootstrap's <font>) or `text-X-500`
// (Tailwind's star row) that starts in page[from, to).
std::string_view lastColor(std::string_view page, std::size_t from, std::size_t to) {
    std::string_view best;
    std::size_t bestAt = 0;
    const std::string_view window = page.substr(from, to - from);
    auto word = [&window](std::size_t at) {
        std::size_t end = at;
        while (end < window.size() && end - at < 16 && window[end] >= 'a' && window[end] <= 'z') ++end;
        return window.substr(at, end - at);
    };
    for (std::size_t at = window.find("color=\""); at != std::string_view::npos; at = window.find("color=\"", at + 1)) {
        const std::string_view color = word(at + 7);
        if (!color.empty() && (best.empty() || at >= bestAt)) best = color, bestAt = at;
    }
    for (std::size_t at = window.find("text-"); at != std::string_view::npos; at = window.find("text-", at + 1)) {
        const std::string_view color = word(at + 5);
        const std::size_t after = at + 5 + color.size();
        if (!color.empty() && window.substr(after, 4) == "-500" && (best.empty() || at >= bestAt)) {
            best = color, bestAt = at;
        }
    }
    return best;
}

common::ReviewsVersion versionFromPod(std::string_view pod) {
    if (has(pod, "-v1-") || pod.ends_with("-v1")) return common::ReviewsVersion::V1;
    if (has(pod, "-v2-") || pod.ends_with("-v2")) return common::ReviewsVersion::V2;
    if (has(pod, "-v3-") || pod.ends_with("-v3")) return common::ReviewsVersion::V3;
    return common::ReviewsVersion::Unknown;
}

// Productpage asks details first, then reviews (which asks ratings): the first failure on that path.
common::PagePart firstFailed(const PageVerdict& verdict) {
    if (verdict.detailsError) return common::PagePart::Details;
    if (verdict.reviewsError) return common::PagePart::Reviews;
    if (verdict.ratingsUnavailable) return common::PagePart::Ratings;
    return common::PagePart::None;
}

}  // namespace

PageVerdict PageClassifier::classify(const PageAnswer& answer) {
    const std::string_view body = answer.body.substr(0, std::min(answer.body.size(), kMaxScanBytes));
    if (answer.status == 0) {
        PageVerdict verdict;
        verdict.failedPart = common::PagePart::Ingress;
        return verdict;
    }
    if (answer.status != 200) return nonPage(answer.status, body);
    PageVerdict verdict;
    readPage(body, verdict);
    if (answer.transportError && verdict.outcome != common::PageOutcome::Failed) {
        verdict.cutShort = true;
        verdict.outcome = common::PageOutcome::Failed;
        verdict.failedPart = common::PagePart::ProductPage;
    }
    return verdict;
}

PageVerdict PageClassifier::nonPage(int status, std::string_view body) {
    PageVerdict verdict;
    verdict.pageTemplate = templateOf(body);
    const bool localReply = std::any_of(kLocalReplies.begin(), kLocalReplies.end(),
                                        [&body](std::string_view reply) { return has(body, reply); });
    const bool emptyBody = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
    // An empty 500 is productpage's own error (Flask behind Envoy); any other empty answer is the gateway's.
    verdict.failedPart =
        localReply || (emptyBody && status != 500) ? common::PagePart::Ingress : common::PagePart::ProductPage;
    return verdict;
}

void PageClassifier::readPage(std::string_view page, PageVerdict& verdict) {
    verdict.pageTemplate = templateOf(page);
    verdict.detailsError = has(page, kDetailsError);
    verdict.reviewsError = has(page, kReviewsError);
    verdict.cutShort = !has(page, kPageEnd);
    const bool productPage = has(page, kTitle) || has(page, kDetailsHeading) || has(page, kReviewsHeading) ||
                             verdict.detailsError || verdict.reviewsError;
    const bool reviewsShown = !verdict.reviewsError && (has(page, kServedBy) || has(page, kReview));
    if (productPage && reviewsShown) readReviews(page, verdict);
    judge(verdict, productPage, reviewsShown);
}

void PageClassifier::readReviews(std::string_view page, PageVerdict& verdict) {
    const std::size_t servedBy = page.find(kServedBy);
    if (servedBy != std::string_view::npos) verdict.reviewsPod = podAfter(page, servedBy + kServedBy.size());
    verdict.ratingsUnavailable = has(page, kRatingsError);
    const std::size_t star = page.find(kStar);
    if (star == std::string_view::npos) {
        // No stars: v1 (ratings never asked), or v2/v3 whose ratings call failed (the pod name may tell which).
        verdict.reviews = verdict.ratingsUnavailable ? versionFromPod(verdict.reviewsPod) : common::ReviewsVersion::V1;
        if (verdict.ratingsUnavailable && verdict.reviews == common::ReviewsVersion::V1) {
            verdict.reviews = common::ReviewsVersion::Unknown;  // a v1 pod name with a ratings error: no telling
        }
        return;
    }
    const std::string_view color = lastColor(page, star - std::min(star, kColorLookBack), star);
    verdict.reviews = color == "black" ? common::ReviewsVersion::V2
                      : color == "red" ? common::ReviewsVersion::V3
                                       : common::ReviewsVersion::Unknown;
    const std::size_t reviewEnd = std::min(page.find(kReviewEnd, star), page.size());
    for (std::size_t at = star; at < reviewEnd; at = page.find(kStar, at + kStar.size())) {
        const std::size_t after = at + kStar.size();
        if (after >= page.size() || page[after] != '-') ++verdict.stars;
    }
}

void PageClassifier::judge(PageVerdict& verdict, bool productPage, bool reviewsShown) {
    if (!productPage || verdict.cutShort || (!reviewsShown && !verdict.reviewsError)) {
        verdict.outcome = common::PageOutcome::Failed;
        verdict.failedPart = common::PagePart::ProductPage;
        return;
    }
    verdict.failedPart = firstFailed(verdict);
    verdict.outcome =
        verdict.failedPart == common::PagePart::None ? common::PageOutcome::Full : common::PageOutcome::Degraded;
}

}  // namespace meshlings::mesh
