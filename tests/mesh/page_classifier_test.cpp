// The classifier reads the page as a person would, for both templates:
// full pages per reviews version, each error text, the gateway's own
// replies, no answer, and whatever else arrives (empty, garbage, cut short).
#include "mesh/page_classifier.hpp"

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "page_fixtures.hpp"

using meshlings::common::PageOutcome;
using meshlings::common::PagePart;
using meshlings::common::ReviewsVersion;
using meshlings::mesh::PageAnswer;
using meshlings::mesh::PageClassifier;
using meshlings::mesh::PageTemplate;
using meshlings::mesh::PageVerdict;
using meshlings::mesh::testing::pageFixture;

namespace {

struct Expected {
    const char* file;
    PageOutcome outcome;
    PagePart failedPart;
    ReviewsVersion reviews;
    int stars;
    const char* pod;
    PageTemplate pageTemplate;
};

constexpr auto kFull = PageOutcome::Full;
constexpr auto kDegraded = PageOutcome::Degraded;
constexpr auto kTailwind = PageTemplate::Tailwind;
constexpr auto kBootstrap = PageTemplate::Bootstrap;

const Expected kPages[] = {
    {"tailwind-v1.html", kFull, PagePart::None, ReviewsVersion::V1, 0, "reviews-v1-5fd6d4f8f8-lmpl5", kTailwind},
    {"tailwind-v2.html", kFull, PagePart::None, ReviewsVersion::V2, 5, "reviews-v2-6dd458b5db-frrlb", kTailwind},
    {"tailwind-v3.html", kFull, PagePart::None, ReviewsVersion::V3, 5, "reviews-v3-7d99fd7978-x4zmc", kTailwind},
    {"tailwind-details-error.html", kDegraded, PagePart::Details, ReviewsVersion::V2, 5, "reviews-v2-6dd458b5db-frrlb",
     kTailwind},
    {"tailwind-reviews-error.html", kDegraded, PagePart::Reviews, ReviewsVersion::None, 0, "", kTailwind},
    {"tailwind-ratings-unavailable.html", kDegraded, PagePart::Ratings, ReviewsVersion::V3, 0,
     "reviews-v3-7d99fd7978-x4zmc", kTailwind},
    {"bootstrap-v1.html", kFull, PagePart::None, ReviewsVersion::V1, 0, "reviews-v1-5fd6d4f8f8-lmpl5", kBootstrap},
    {"bootstrap-v2.html", kFull, PagePart::None, ReviewsVersion::V2, 5, "reviews-v2-6dd458b5db-frrlb", kBootstrap},
    {"bootstrap-v3.html", kFull, PagePart::None, ReviewsVersion::V3, 5, "reviews-v3-7d99fd7978-x4zmc", kBootstrap},
    {"bootstrap-details-error.html", kDegraded, PagePart::Details, ReviewsVersion::V3, 5, "reviews-v3-7d99fd7978-x4zmc",
     kBootstrap},
    {"bootstrap-reviews-error.html", kDegraded, PagePart::Reviews, ReviewsVersion::None, 0, "", kBootstrap},
    {"bootstrap-ratings-unavailable.html", kDegraded, PagePart::Ratings, ReviewsVersion::V2, 0,
     "reviews-v2-6dd458b5db-frrlb", kBootstrap},
    {"bootstrap-details-and-reviews-error.html", kDegraded, PagePart::Details, ReviewsVersion::None, 0, "", kBootstrap},
};

// What must hold for any verdict, whatever came in.
void checkConsistent(const PageVerdict& verdict) {
    CHECK((verdict.outcome == PageOutcome::Full) == (verdict.failedPart == PagePart::None));
    CHECK(verdict.reviewsPod.size() <= PageVerdict::kMaxPodName);
    CHECK(verdict.stars >= 0);
    if (verdict.outcome == PageOutcome::Failed) {
        CHECK((verdict.failedPart == PagePart::Ingress || verdict.failedPart == PagePart::ProductPage));
    }
}

}  // namespace

TEST_CASE("each fixture page of both templates reads as what it shows") {
    for (const auto& expected : kPages) {
        CAPTURE(expected.file);
        const PageVerdict verdict = PageClassifier::classify(200, pageFixture(expected.file));
        CAPTURE(describe(verdict));
        CHECK(verdict.outcome == expected.outcome);
        CHECK(verdict.failedPart == expected.failedPart);
        CHECK(verdict.reviews == expected.reviews);
        CHECK(verdict.stars == expected.stars);
        CHECK(verdict.reviewsPod == expected.pod);
        CHECK(verdict.pageTemplate == expected.pageTemplate);
        CHECK_FALSE(verdict.cutShort);
        checkConsistent(verdict);
    }
}

TEST_CASE("a page with both details and reviews failed reports every part, the first on the path as the failure") {
    const PageVerdict verdict = PageClassifier::classify(200, pageFixture("bootstrap-details-and-reviews-error.html"));
    CHECK(verdict.detailsError);
    CHECK(verdict.reviewsError);
    CHECK_FALSE(verdict.ratingsUnavailable);
    CHECK(describe(verdict) == "degraded details +reviews (bootstrap)");
}

TEST_CASE("the gateway's own replies fail at the ingress, productpage's errors at productpage") {
    const auto uh = PageClassifier::classify(503, "no healthy upstream");
    CHECK(uh.outcome == PageOutcome::Failed);
    CHECK(uh.failedPart == PagePart::Ingress);
    CHECK(uh.reviews == ReviewsVersion::None);
    const auto uf = PageClassifier::classify(
        503, "upstream connect error or disconnect/reset before headers. reset reason: connection failure");
    CHECK(uf.failedPart == PagePart::Ingress);
    CHECK(PageClassifier::classify(504, "upstream request timeout").failedPart == PagePart::Ingress);
    CHECK(PageClassifier::classify(500, "fault filter abort").failedPart == PagePart::Ingress);
    CHECK(PageClassifier::classify(404, "").failedPart == PagePart::Ingress);  // NR: no route
    CHECK(PageClassifier::classify(500, "").failedPart == PagePart::ProductPage);
    const auto flask = PageClassifier::classify(500, "<!doctype html><title>500 Internal Server Error</title>");
    CHECK(flask.outcome == PageOutcome::Failed);
    CHECK(flask.failedPart == PagePart::ProductPage);
    // A full page with a non-200 status is still a failure.
    CHECK(PageClassifier::classify(503, pageFixture("tailwind-v2.html")).outcome == PageOutcome::Failed);
}

TEST_CASE("no answer at all fails at the ingress") {
    const auto refused = PageClassifier::classify(PageAnswer{0, "", true});
    CHECK(refused.outcome == PageOutcome::Failed);
    CHECK(refused.failedPart == PagePart::Ingress);
    // A whole page that then broke off (timeout mid-body) is not a page the user got.
    const auto broken = PageClassifier::classify(PageAnswer{200, pageFixture("tailwind-v1.html"), true});
    CHECK(broken.outcome == PageOutcome::Failed);
    CHECK(broken.failedPart == PagePart::ProductPage);
    CHECK(broken.cutShort);
}

TEST_CASE("a 200 that is not a product page fails at productpage") {
    for (const std::string& body : {std::string(), std::string("Product page is healthy"),
                                    std::string(R"([{"id": 0, "title": "The Comedy of Errors"}])"),
                                    std::string("<html><head><title>Welcome to nginx!</title></head></html>"),
                                    std::string("\0\0\0\xff\xfe garbage \x01", 16)}) {
        CAPTURE(body);
        const auto verdict = PageClassifier::classify(200, body);
        CHECK(verdict.outcome == PageOutcome::Failed);
        CHECK(verdict.failedPart == PagePart::ProductPage);
        checkConsistent(verdict);
    }
}

TEST_CASE("a page cut short anywhere is never full, and never crashes the classifier") {
    for (const char* file : {"tailwind-v3.html", "bootstrap-v2.html", "tailwind-ratings-unavailable.html"}) {
        CAPTURE(file);
        const std::string page = pageFixture(file);
        const std::size_t end = page.rfind("</html>");
        for (std::size_t cut = 0; cut < page.size(); cut += 11) {
            const auto verdict = PageClassifier::classify(200, std::string_view(page).substr(0, cut));
            checkConsistent(verdict);
            if (cut < end) {
                CAPTURE(cut);
                CHECK(verdict.outcome == PageOutcome::Failed);
                CHECK(verdict.failedPart == PagePart::ProductPage);
            }
        }
    }
}

TEST_CASE("mutated pages and random bytes give a consistent verdict") {
    std::mt19937 rng(12345);
    const std::string pages[] = {pageFixture("tailwind-v2.html"), pageFixture("bootstrap-v3.html"),
                                 pageFixture("tailwind-details-error.html")};
    for (int round = 0; round < 600; ++round) {
        std::string page = pages[static_cast<std::size_t>(round) % 3];
        const int edits = 1 + static_cast<int>(rng() % 40);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % page.size();
            switch (rng() % 3) {
                case 0:
                    page[at] = static_cast<char>(rng() % 256);
                    break;
                case 1:
                    page.erase(at, rng() % 64);
                    break;
                default:
                    page.insert(at, page.substr(rng() % page.size(), rng() % 128));
                    break;
            }
            if (page.empty()) page = "<";
        }
        checkConsistent(PageClassifier::classify(200, page));
    }
    for (int round = 0; round < 200; ++round) {
        std::string bytes(rng() % 4096, '\0');
        for (char& c : bytes) c = static_cast<char>(rng() % 256);
        checkConsistent(PageClassifier::classify(200, bytes));
    }
}

TEST_CASE("markers at the very end of the body and oversized bodies stay in bounds") {
    for (const char* tail : {"Reviews served by:", "Reviews served by: <u", "Reviews served by: <", "glyphicon-star",
                             "color=\"", "text-", "text-black", "<font color=\"red\"><span class=\"glyphicon-star"}) {
        CAPTURE(tail);
        checkConsistent(
            PageClassifier::classify(200, std::string("<title>Simple Bookstore App</title><blockquote>") + tail));
    }
    const std::string longPod =
        "<title>Simple Bookstore App</title>Book Details<blockquote>Reviews served by: " + std::string(100000, 'a') +
        "</html>";
    const auto verdict = PageClassifier::classify(200, longPod);
    CHECK(verdict.reviewsPod.size() == PageVerdict::kMaxPodName);
    // Past the scan limit the page is not read, so its end is not seen.
    std::string huge = pageFixture("tailwind-v1.html");
    huge.insert(huge.find("<body>"), std::string(PageClassifier::kMaxScanBytes, ' '));
    CHECK(PageClassifier::classify(200, huge).cutShort);
}
