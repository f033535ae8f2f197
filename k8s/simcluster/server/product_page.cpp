#include "simcluster/server/product_page.hpp"

#include <nlohmann/json.hpp>

namespace meshlings::sim {

namespace {

constexpr const char* kFullStar =
    R"(<svg id="glyphicon glyphicon-star" class="h-5 w-5 flex-none" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true"><path d="M10 1l2.6 6.3 6.8.5-5.2 4.4 1.6 6.6L10 15.3 4.2 18.8l1.6-6.6L.6 7.8l6.8-.5z"/></svg>)";
constexpr const char* kEmptyStar =
    R"(<svg id="glyphicon glyphicon-star-empty" class="h-5 w-5 flex-none" viewBox="0 0 20 20" fill="none" stroke="currentColor" aria-hidden="true"><path d="M10 1l2.6 6.3 6.8.5-5.2 4.4 1.6 6.6L10 15.3 4.2 18.8l1.6-6.6L.6 7.8l6.8-.5z"/></svg>)";

struct Review {
    const char* reviewer;
    const char* text;
    int stars;
};
constexpr Review kReviews[] = {
    {"Reviewer1", "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!", 5},
    {"Reviewer2",
     "Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare.", 4}};

}  // namespace

std::string ProductPage::stars(int count, const char* color) {
    std::string out = std::string(R"(<div class="flex gap-x-1 text-)") + color + "-500\">";
    for (int i = 0; i < 5; ++i) out += i < count ? kFullStar : kEmptyStar;
    return out + "</div>";
}

std::string ProductPage::html(const PageOutcome& outcome, const std::string& reviewsPod) {
    std::string page = R"(<!DOCTYPE html>
<html>
<head>
<title>Simple Bookstore App</title>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
</head>
<body>
<nav class="bg-gray-800"><p class="text-white">BookInfo Sample</p></nav>
<div class="container mx-auto mt-4">
<h1 class="text-5xl font-bold">The Comedy of Errors</h1>
<p class="text-lg"><a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of <b>William Shakespeare's</b> early plays. It is his shortest and one of his most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, in addition to puns and word play.</p>
<div class="flex">
<div class="w-1/2">
<h4 class="text-3xl font-semibold">Book Details</h4>
)";
    if (outcome.detailsOk) {
        page += R"(<dl>
<dt>Type:</dt>paperback
<dt>Pages:</dt>200
<dt>Publisher:</dt>PublisherA
<dt>Language:</dt>English
<dt>ISBN-10:</dt>1234567890
<dt>ISBN-13:</dt>123-1234567890
</dl>
)";
    } else {
        page += R"(<p class="text-2xl text-red-500">Error fetching product details</p>
<p class="text-lg text-gray-600">Sorry, product details are currently unavailable for this book.</p>
)";
    }
    page += R"(</div>
<div class="w-1/2">
<h4 class="text-3xl font-semibold">Book Reviews</h4>
)";
    if (!outcome.reviewsOk) {
        page += R"(<p class="text-2xl text-red-500">Error fetching product reviews</p>
<p class="text-lg text-gray-600">Sorry, product reviews are currently unavailable for this book.</p>
)";
    } else {
        const char* color = outcome.reviewsVersion == 3 ? "red" : "black";
        for (const auto& review : kReviews) {
            page += std::string("<blockquote>\n<p>") + review.text + "</p>\n<small>" + review.reviewer + "</small>\n";
            if (outcome.reviewsVersion >= 2) {
                page += outcome.ratingsOk ? stars(review.stars, color)
                                          : R"(<p class="text-red-500">Ratings service is currently unavailable</p>)";
                page += "\n";
            }
            page += "<p>Reviews served by: <u>" + reviewsPod + "</u></p>\n</blockquote>\n";
        }
    }
    page += "</div>\n</div>\n</div>\n</body>\n</html>\n";
    return page;
}

std::string ProductPage::detailsJson(int productId) {
    return nlohmann::json{{"id", productId},
                          {"author", "William Shakespeare"},
                          {"year", 1595},
                          {"type", "paperback"},
                          {"pages", 200},
                          {"publisher", "PublisherA"},
                          {"language", "English"},
                          {"ISBN-10", "1234567890"},
                          {"ISBN-13", "123-1234567890"}}
        .dump();
}

std::string ProductPage::reviewsJson(int productId, const PageOutcome& outcome, const std::string& reviewsPod) {
    nlohmann::json reviews = nlohmann::json::array();
    for (const auto& review : kReviews) {
        nlohmann::json entry{{"reviewer", review.reviewer}, {"text", review.text}};
        if (outcome.reviewsVersion >= 2) {
            entry["rating"] =
                outcome.ratingsOk
                    ? nlohmann::json{{"stars", review.stars}, {"color", outcome.reviewsVersion == 3 ? "red" : "black"}}
                    : nlohmann::json{{"error", "Ratings service is currently unavailable"}};
        }
        reviews.push_back(entry);
    }
    return nlohmann::json{
        {"id", std::to_string(productId)}, {"podname", reviewsPod}, {"clustername", "null"}, {"reviews", reviews}}
        .dump();
}

std::string ProductPage::ratingsJson(int productId) {
    return nlohmann::json{{"id", productId}, {"ratings", {{"Reviewer1", 5}, {"Reviewer2", 4}}}}.dump();
}

std::string ProductPage::productsJson() {
    return nlohmann::json::array(
               {{{"id", 0},
                 {"title", "The Comedy of Errors"},
                 {"descriptionHtml",
                  "<a href=\"https://en.wikipedia.org/wiki/The_Comedy_of_Errors\">Wikipedia Summary</a>: "
                  "The Comedy of Errors is one of <b>William Shakespeare's</b> early plays."}}})
        .dump();
}

std::string ProductPage::errorJson(const char* what) {
    return nlohmann::json{
        {"error", std::string("Sorry, product ") + what + " are currently unavailable for this book."}}
        .dump();
}

}  // namespace meshlings::sim
