// Istio's resilience settings in the built-in mesh behave as Envoy runs them:
// VirtualService retries (5xx, previous hosts, URX, one destination-reported
// request per attempt) and DestinationRule outlier detection (a failing pod
// ejected at once, back when its ejection ends).
#include <doctest/doctest.h>

#include <sstream>

#include "bookinfo_fixture.hpp"
#include "metrics_sum.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using meshlings::sim::testing::requestsTotal;
using Json = nlohmann::json;

namespace {

void setErrorRate(BookinfoFixture& bookinfo, const std::string& deployment, const char* rate) {
    const auto& type = ResourceRegistry::byKind("Deployment");
    Json object = *bookinfo.cluster().store().get(type, "default", deployment);
    object["metadata"]["annotations"]["meshlings.dev/error-rate"] = rate;
    bookinfo.cluster().store().update(type, object);
    bookinfo.run(0);
}

Json retryingRule(const char* host, Json retries) {
    return {{"metadata", {{"name", host}}},
            {"spec",
             {{"hosts", {host}},
              {"http", {{{"route", {{{"destination", {{"host", host}}}}}}, {"retries", std::move(retries)}}}}}}};
}

Json outlierRule(const char* host, Json outlierDetection) {
    return {{"metadata", {{"name", host}}},
            {"spec", {{"host", host}, {"trafficPolicy", {{"outlierDetection", std::move(outlierDetection)}}}}}};
}

// Share of pages served by reviews v2/v3 that came without their stars.
double starlessShare(const std::vector<PageOutcome>& outcomes) {
    int withRatings = 0, starless = 0;
    for (const auto& o : outcomes) {
        if (!o.reviewsOk || o.reviewsVersion < 2) continue;
        ++withRatings;
        starless += o.ratingsOk ? 0 : 1;
    }
    REQUIRE(withRatings > 0);
    return static_cast<double>(starless) / withRatings;
}

}  // namespace

TEST_CASE("retries on 5xx lift ratings' success from 1-p to 1-p^4") {
    BookinfoFixture bookinfo(7);
    setErrorRate(bookinfo, "ratings-v1", "0.5");
    const double without = starlessShare(bookinfo.traffic(3000));
    CHECK(without > 0.45);
    CHECK(without < 0.55);
    bookinfo.apply("VirtualService", retryingRule("ratings", {{"attempts", 3}, {"retryOn", "5xx"}}));
    const double with = starlessShare(bookinfo.traffic(3000));
    CHECK(with > 0.0625 - 0.025);  // 0.5^4
    CHECK(with < 0.0625 + 0.025);
}

TEST_CASE("retryOn decides: gateway-error and Istio's default do not retry a 500") {
    BookinfoFixture bookinfo(8);
    setErrorRate(bookinfo, "ratings-v1", "0.5");
    bookinfo.apply("VirtualService", retryingRule("ratings", {{"attempts", 3}, {"retryOn", "gateway-error,reset"}}));
    const double gateway = starlessShare(bookinfo.traffic(2000));
    CHECK(gateway > 0.45);
    CHECK(gateway < 0.55);
    bookinfo.apply("VirtualService", retryingRule("ratings", {{"attempts", 0}, {"retryOn", "5xx"}}));
    const double none = starlessShare(bookinfo.traffic(2000));
    CHECK(none > 0.45);
    CHECK(none < 0.55);
}

TEST_CASE("each attempt is counted at the destination, the exhausted call as URX at the source") {
    BookinfoFixture bookinfo(9);
    setErrorRate(bookinfo, "ratings-v1", "1");
    bookinfo.apply("VirtualService", retryingRule("ratings", {{"attempts", 3}, {"retryOn", "5xx"}}));
    const auto outcomes = bookinfo.traffic(300);
    int ratingsCalls = 0;
    for (const auto& o : outcomes) ratingsCalls += o.reviewsOk && o.reviewsVersion >= 2 ? 1 : 0;
    REQUIRE(ratingsCalls > 100);
    auto& metrics = bookinfo.cluster().metrics();
    const std::string ratings = "destination_workload=\"ratings-v1\"";
    CHECK(requestsTotal(metrics, {"reporter=\"destination\"", ratings, "response_code=\"500\""}) == 4.0 * ratingsCalls);
    CHECK(requestsTotal(metrics, {"reporter=\"source\"", ratings, "response_code=\"500\"", "response_flags=\"URX\""}) ==
          ratingsCalls);
}

TEST_CASE("retries pick another host: one bad reviews pod of three is retried around") {
    BookinfoFixture bookinfo(10);
    setErrorRate(bookinfo, "reviews-v3", "1");
    bookinfo.apply("VirtualService", retryingRule("reviews", {{"attempts", 1}, {"retryOn", "5xx"}}));
    auto& metrics = bookinfo.cluster().metrics();
    const auto outcomes = bookinfo.traffic(2000);
    // previous_hosts: the retry never goes back to reviews-v3, so no call fails twice on it.
    CHECK(requestsTotal(metrics,
                        {"reporter=\"source\"", "destination_service_name=\"reviews\"", "response_code=\"500\""}) == 0);
    for (const auto& o : outcomes) CHECK(o.reviewsOk);
}

TEST_CASE("outlier detection ejects the one failing reviews pod and lets it back after the ejection") {
    BookinfoFixture bookinfo(11);
    setErrorRate(bookinfo, "reviews-v3", "1");
    bookinfo.apply(
        "DestinationRule",
        outlierRule("reviews", {{"consecutive5xxErrors", 1}, {"interval", "1s"}, {"baseEjectionTime", "30s"}}));
    auto& metrics = bookinfo.cluster().metrics();
    const std::initializer_list<std::string> v3Errors{"reporter=\"destination\"", "destination_workload=\"reviews-v3\"",
                                                      "response_code=\"500\""};
    bookinfo.traffic(2000);  // 20 s: v3 fails once and is ejected for 30 s
    CHECK(requestsTotal(metrics, v3Errors) == 1);
    // The pod heals while ejected; it gets no request until the ejection ends (30 s, next 1 s sweep).
    setErrorRate(bookinfo, "reviews-v3", "0");
    int v3 = 0;
    for (const auto& o : bookinfo.traffic(900)) v3 += o.reviewsVersion == 3 ? 1 : 0;  // up to 29 s
    CHECK(v3 == 0);
    bookinfo.run(2000);
    for (const auto& o : bookinfo.traffic(900)) v3 += o.reviewsVersion == 3 ? 1 : 0;
    CHECK(v3 > 200);  // back in the pool: about a third of the pages
    CHECK(v3 < 400);
}

TEST_CASE("ejection time grows with each ejection and only maxEjectionPercent of the hosts go") {
    BookinfoFixture bookinfo(12);
    setErrorRate(bookinfo, "reviews-v2", "1");
    setErrorRate(bookinfo, "reviews-v3", "1");
    bookinfo.apply("DestinationRule", outlierRule("reviews", {{"consecutive5xxErrors", 1},
                                                              {"interval", "1s"},
                                                              {"baseEjectionTime", "10s"},
                                                              {"maxEjectionPercent", 34}}));
    auto& metrics = bookinfo.cluster().metrics();
    auto errors = [&](const char* workload) {
        return requestsTotal(metrics,
                             {"reporter=\"destination\"", std::string("destination_workload=\"") + workload + "\"",
                              "response_code=\"500\""});
    };
    // One of three may be ejected (33 % <= 34 %); the other bad pod keeps failing.
    bookinfo.traffic(500);  // 5 s
    const double v2 = errors("reviews-v2"), v3 = errors("reviews-v3");
    CHECK(std::min(v2, v3) == 1);
    CHECK(std::max(v2, v3) > 50);
}

TEST_CASE("a subset's own outlierDetection applies to traffic routed to that subset") {
    BookinfoFixture bookinfo(13);
    setErrorRate(bookinfo, "reviews-v3", "1");
    Json rule = {{"metadata", {{"name", "reviews"}}},
                 {"spec",
                  {{"host", "reviews"},
                   {"subsets",
                    {{{"name", "v1"}, {"labels", {{"version", "v1"}}}},
                     {{"name", "v3"},
                      {"labels", {{"version", "v3"}}},
                      {"trafficPolicy",
                       {{"outlierDetection", {{"consecutive5xxErrors", 1}, {"baseEjectionTime", "60s"}}}}}}}}}}};
    bookinfo.apply("DestinationRule", rule);
    Json route = {{"metadata", {{"name", "reviews"}}},
                  {"spec",
                   {{"hosts", {"reviews"}},
                    {"http",
                     {{{"route",
                        {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}, {"weight", 50}},
                         {{"destination", {{"host", "reviews"}, {"subset", "v3"}}}, {"weight", 50}}}}}}}}}};
    bookinfo.apply("VirtualService", route);
    // v3's only pod is ejected after its first failure: its subset has no healthy host (UH) until it returns.
    bookinfo.traffic(1000);
    auto& metrics = bookinfo.cluster().metrics();
    CHECK(requestsTotal(metrics, {"reporter=\"destination\"", "destination_workload=\"reviews-v3\""}) == 1);
    CHECK(requestsTotal(
              metrics, {"reporter=\"source\"", "destination_service_name=\"reviews\"", "response_flags=\"UH\""}) > 200);
}
