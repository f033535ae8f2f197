#pragma once
// Reads one answer of Bookinfo's /productpage the way a person would: the
// status, whether the page is there at all, the error texts productpage
// writes into an HTTP 200 page when details, reviews or ratings fail, the
// star colour (which reviews version answered) and the pod after "Reviews
// served by:". Knows both the Istio >= 1.23 Tailwind template (the built-in
// cluster's) and the older Bootstrap one. Stateless and total: any bytes in,
// a verdict out; it reads at most kMaxScanBytes of the body, never throws
// (beyond std::bad_alloc for the pod name) and keeps no pointer into it.
#include <cstddef>
#include <string_view>

#include "mesh/page_verdict.hpp"

namespace meshlings::mesh {

// One answer as the probe got it: status 0 when no HTTP status arrived.
struct PageAnswer {
    int status = 0;
    std::string_view body;
    bool transportError = false;  // the transfer failed (refused, timeout, cut off), whatever arrived before
};

class PageClassifier {
public:
    // Bodies are read up to here; a real product page is about 5 KB.
    static constexpr std::size_t kMaxScanBytes = std::size_t{4} << 20;

    static PageVerdict classify(const PageAnswer& answer);
    static PageVerdict classify(int status, std::string_view body) { return classify(PageAnswer{status, body, false}); }

private:
    static PageVerdict nonPage(int status, std::string_view body);
    static void readPage(std::string_view page, PageVerdict& verdict);
    static void readReviews(std::string_view page, PageVerdict& verdict);
    static void judge(PageVerdict& verdict, bool productPage, bool reviewsShown);
};

}  // namespace meshlings::mesh
