// VirtualService mirror in the built-in mesh: a copy of each request (or of
// mirrorPercentage of them) goes to the mirror, its answer is ignored, and
// only the mirror's sidecar counts it (issue 18: v2 got no extra request).
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "metrics_sum.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using meshlings::sim::testing::requestsTotal;
using Json = nlohmann::json;

namespace {

void mirrorToV2(BookinfoFixture& bookinfo, Json extra) {
    bookinfo.apply(
        "DestinationRule",
        {{"metadata", {{"name", "reviews"}}},
         {"spec",
          {{"host", "reviews"},
           {"subsets",
            {{{"name", "v1"}, {"labels", {{"version", "v1"}}}}, {{"name", "v2"}, {"labels", {{"version", "v2"}}}}}}}}});
    Json http = {{"route", {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}}}},
                 {"mirror", {{"host", "reviews"}, {"subset", "v2"}}}};
    http.update(extra);
    bookinfo.apply("VirtualService",
                   {{"metadata", {{"name", "reviews"}}}, {"spec", {{"hosts", {"reviews"}}, {"http", {http}}}}});
}

const std::string kDest = "reporter=\"destination\"", kSource = "reporter=\"source\"";
const std::string kV2 = "destination_workload=\"reviews-v2\"";

}  // namespace

TEST_CASE("every request to reviews is mirrored to v2, which only v2's sidecar reports") {
    BookinfoFixture bookinfo(41);
    mirrorToV2(bookinfo, Json::object());
    const auto outcomes = bookinfo.traffic(500);
    for (const auto& o : outcomes) CHECK(o.reviewsVersion == 1);  // v1 answers every page
    auto& metrics = bookinfo.cluster().metrics();
    CHECK(requestsTotal(metrics, {kDest, kV2, "source_workload=\"productpage-v1\""}) == 500);
    CHECK(requestsTotal(metrics, {kSource, kV2}) == 0);
    // The copy does what v2 does: it calls ratings.
    CHECK(requestsTotal(metrics, {kDest, "source_workload=\"reviews-v2\"", "destination_service_name=\"ratings\""}) ==
          500);
}

TEST_CASE("the mirror's answer is ignored: a failing v2 changes no page") {
    BookinfoFixture bookinfo(42);
    const auto& type = ResourceRegistry::byKind("Deployment");
    Json v2 = *bookinfo.cluster().store().get(type, "default", "reviews-v2");
    v2["metadata"]["annotations"]["meshlings.dev/error-rate"] = "1";
    bookinfo.cluster().store().update(type, v2);
    mirrorToV2(bookinfo, Json::object());
    for (const auto& o : bookinfo.traffic(200)) {
        CHECK(o.status == 200);
        CHECK(o.reviewsOk);
    }
    CHECK(requestsTotal(bookinfo.cluster().metrics(), {kDest, kV2, "response_code=\"500\""}) == 200);
}

TEST_CASE("mirrorPercentage mirrors that share of the requests") {
    BookinfoFixture bookinfo(43);
    mirrorToV2(bookinfo, {{"mirrorPercentage", {{"value", 25.0}}}});
    bookinfo.traffic(2000);
    const double mirrored = requestsTotal(bookinfo.cluster().metrics(), {kDest, kV2});
    CHECK(mirrored > 430);
    CHECK(mirrored < 570);
}
