// DestinationRule connectionPool in the built-in mesh works as Envoy's
// circuit breakers: requests over the limits, counted from what is in flight
// on the model clock, answer 503 with flag UO at once (issue 18: limits of 1
// with 20 parallel requests were all answered 200).
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "metrics_sum.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using meshlings::sim::testing::requestsTotal;
using Json = nlohmann::json;

namespace {

Json poolRule(const char* host, Json connectionPool) {
    return {{"metadata", {{"name", host}}},
            {"spec", {{"host", host}, {"trafficPolicy", {{"connectionPool", std::move(connectionPool)}}}}}};
}

const Json kLimitsOfOne = {{"tcp", {{"maxConnections", 1}}},
                           {"http", {{"http1MaxPendingRequests", 1}, {"maxRequestsPerConnection", 1}}}};

// `count` requests arriving at the same model instant.
std::vector<PageOutcome> parallel(BookinfoFixture& bookinfo, int count) {
    std::vector<PageOutcome> out;
    for (int i = 0; i < count; ++i) out.push_back(bookinfo.cluster().serveRequest({}));
    return out;
}

int overflowed(const std::vector<PageOutcome>& outcomes) {
    int n = 0;
    for (const auto& o : outcomes) n += o.status == 503 && std::string(o.flags) == "UO" ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("limits of 1 with 20 parallel requests: one served, one queued, the rest 503 UO") {
    BookinfoFixture bookinfo(21);
    bookinfo.apply("DestinationRule", poolRule("productpage", kLimitsOfOne));
    const auto outcomes = parallel(bookinfo, 20);
    CHECK(overflowed(outcomes) == 18);
    CHECK(outcomes[0].status == 200);
    CHECK(outcomes[1].status == 200);
    // The queued one waited for the first answer.
    CHECK(outcomes[1].latencyMs > outcomes[0].latencyMs);
    CHECK(std::string(outcomes[2].failureBody).find("overflow") != std::string::npos);
    auto& metrics = bookinfo.cluster().metrics();
    CHECK(requestsTotal(metrics, {"reporter=\"source\"", "destination_service_name=\"productpage\"",
                                  "response_code=\"503\"", "response_flags=\"UO\""}) == 18);
    // No host was contacted for them.
    CHECK(requestsTotal(metrics, {"reporter=\"destination\"", "destination_service_name=\"productpage\""}) == 2);
}

TEST_CASE("the limits bound concurrency, not rate: the same requests one by one are all served") {
    BookinfoFixture bookinfo(22);
    bookinfo.apply("DestinationRule", poolRule("productpage", kLimitsOfOne));
    for (const auto& o : bookinfo.traffic(20, 1000)) CHECK(o.status == 200);
}

TEST_CASE("http2MaxRequests alone caps requests in flight, with no queue") {
    BookinfoFixture bookinfo(23);
    bookinfo.apply("DestinationRule", poolRule("productpage", {{"http", {{"http2MaxRequests", 3}}}}));
    CHECK(overflowed(parallel(bookinfo, 20)) == 17);
    bookinfo.run(10000);  // all answered: the next burst finds the pool empty
    CHECK(overflowed(parallel(bookinfo, 3)) == 0);
}

TEST_CASE("no connectionPool: 20 parallel requests are all served (Istio's limits are 2^32-1)") {
    BookinfoFixture bookinfo(24);
    CHECK(overflowed(parallel(bookinfo, 20)) == 0);
}

TEST_CASE("maxRetries: retries over the limit in flight are not made, the answer passes on flagged UO") {
    BookinfoFixture bookinfo(25);
    const auto& type = ResourceRegistry::byKind("Deployment");
    Json ratings = *bookinfo.cluster().store().get(type, "default", "ratings-v1");
    ratings["metadata"]["annotations"]["meshlings.dev/error-rate"] = "1";
    bookinfo.cluster().store().update(type, ratings);
    bookinfo.apply("VirtualService", {{"metadata", {{"name", "ratings"}}},
                                      {"spec",
                                       {{"hosts", {"ratings"}},
                                        {"http",
                                         {{{"route", {{{"destination", {{"host", "ratings"}}}}}},
                                           {"retries", {{"attempts", 3}, {"retryOn", "5xx"}}}}}}}}});
    bookinfo.apply("DestinationRule", poolRule("ratings", {{"http", {{"maxRetries", 1}}}}));
    auto& metrics = bookinfo.cluster().metrics();
    const std::string source = "reporter=\"source\"", dest = "reporter=\"destination\"",
                      ratingsName = "destination_service_name=\"ratings\"";
    // One by one, each call has its three retries (one in flight at a time).
    bookinfo.traffic(50, 1000);
    const double calls = requestsTotal(metrics, {source, ratingsName});
    REQUIRE(calls > 10);
    CHECK(requestsTotal(metrics, {dest, ratingsName}) == 4 * calls);
    CHECK(requestsTotal(metrics, {source, ratingsName, "response_flags=\"UO\""}) == 0);
    // A burst: calls from the same reviews pod overlap and their retries overflow.
    parallel(bookinfo, 20);
    const double burstCalls = requestsTotal(metrics, {source, ratingsName}) - calls;
    REQUIRE(burstCalls > 4);
    CHECK(requestsTotal(metrics, {source, ratingsName, "response_code=\"500\"", "response_flags=\"UO\""}) > 0);
    CHECK(requestsTotal(metrics, {dest, ratingsName}) - 4 * calls < 4 * burstCalls);
}

TEST_CASE("a subset's own connectionPool applies only to traffic routed to that subset") {
    BookinfoFixture bookinfo(26);
    Json rule = {{"metadata", {{"name", "reviews"}}},
                 {"spec",
                  {{"host", "reviews"},
                   {"subsets",
                    {{{"name", "v1"}, {"labels", {{"version", "v1"}}}},
                     {{"name", "v3"},
                      {"labels", {{"version", "v3"}}},
                      {"trafficPolicy", {{"connectionPool", {{"http", {{"http2MaxRequests", 1}}}}}}}}}}}}};
    bookinfo.apply("DestinationRule", rule);
    Json route = {{"metadata", {{"name", "reviews"}}},
                  {"spec",
                   {{"hosts", {"reviews"}},
                    {"http",
                     {{{"route",
                        {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}, {"weight", 50}},
                         {{"destination", {{"host", "reviews"}, {"subset", "v3"}}}, {"weight", 50}}}}}}}}}};
    bookinfo.apply("VirtualService", route);
    parallel(bookinfo, 40);
    auto& metrics = bookinfo.cluster().metrics();
    const std::string reviews = "destination_service_name=\"reviews\"";
    CHECK(requestsTotal(metrics, {"reporter=\"source\"", reviews, "response_flags=\"UO\""}) > 5);
    CHECK(requestsTotal(metrics, {"reporter=\"destination\"", reviews, "destination_workload=\"reviews-v1\""}) > 10);
    CHECK(requestsTotal(metrics, {"reporter=\"destination\"", reviews, "destination_workload=\"reviews-v3\""}) == 1);
}
