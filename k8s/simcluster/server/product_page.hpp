#pragma once
// What Bookinfo's productpage sends back, rendered from a PageOutcome with
// the markers of the real page (Istio >= 1.23 Tailwind template): the
// title, details, two reviews with black or red stars, "Reviews served by:"
// and the error texts when details, reviews or ratings fail.
#include <string>

#include "simcluster/page_outcome.hpp"

namespace meshlings::sim {

class ProductPage {
public:
    static std::string html(const PageOutcome& outcome, const std::string& reviewsPod);
    static std::string detailsJson(int productId);
    static std::string reviewsJson(int productId, const PageOutcome& outcome, const std::string& reviewsPod);
    static std::string ratingsJson(int productId);
    static std::string productsJson();
    static std::string errorJson(const char* what);  // "details", "reviews", "ratings"

private:
    static std::string stars(int count, const char* color);
};

}  // namespace meshlings::sim
