// Requests through the built-in mesh behave as Istio and Bookinfo make them:
// weighted routing with subsets, no healthy upstream, productpage's double
// try of reviews, reviews' ratings timeouts, faults, and metrics.
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
namespace common = meshlings::common;
using Json = nlohmann::json;

namespace {

struct Tally {
    int total = 0, full = 0, degraded = 0, failed = 0;
    int version[4] = {0, 0, 0, 0};
};

Tally tally(const std::vector<PageOutcome>& outcomes) {
    Tally t;
    for (const auto& o : outcomes) {
        ++t.total;
        switch (o.kind()) {
            case common::PageOutcome::Full:
                ++t.full;
                break;
            case common::PageOutcome::Degraded:
                ++t.degraded;
                break;
            case common::PageOutcome::Failed:
                ++t.failed;
                break;
        }
        if (o.reviewsOk) ++t.version[o.reviewsVersion];
    }
    return t;
}

Json reviewsRule(std::initializer_list<std::pair<const char*, int>> weights) {
    Json route = Json::array();
    for (const auto& [subset, weight] : weights) {
        route.push_back({{"destination", {{"host", "reviews"}, {"subset", subset}}}, {"weight", weight}});
    }
    return {{"metadata", {{"name", "reviews"}}}, {"spec", {{"hosts", {"reviews"}}, {"http", {{{"route", route}}}}}}};
}

Json reviewsSubsets() {
    return {{"metadata", {{"name", "reviews"}}},
            {"spec",
             {{"host", "reviews"},
              {"subsets",
               {{{"name", "v1"}, {"labels", {{"version", "v1"}}}},
                {{"name", "v2"}, {"labels", {{"version", "v2"}}}},
                {{"name", "v3"}, {"labels", {{"version", "v3"}}}}}}}}};
}

void deleteAll(BookinfoFixture& bookinfo, const std::string& selector) {
    for (const auto& pod : bookinfo.pods(selector)) {
        if (!pod_builder::isTerminating(pod)) bookinfo.deletePod(pod["metadata"]["name"]);
    }
}

}  // namespace

TEST_CASE("a fresh install splits reviews evenly and serves full pages fast") {
    BookinfoFixture bookinfo;
    const auto outcomes = bookinfo.traffic(3000);
    const Tally t = tally(outcomes);
    CHECK(t.full == 3000);
    for (int v = 1; v <= 3; ++v) {
        CAPTURE(v);
        CHECK(t.version[v] > 850);
        CHECK(t.version[v] < 1150);
    }
    for (const auto& o : outcomes) {
        CHECK(o.latencyMs > 1.0);
        CHECK(o.latencyMs < 500.0);
        CHECK(o.status == 200);
    }
}

TEST_CASE("VirtualService weights and DestinationRule subsets steer reviews") {
    BookinfoFixture bookinfo;
    bookinfo.apply("DestinationRule", reviewsSubsets());
    bookinfo.apply("VirtualService", reviewsRule({{"v1", 80}, {"v2", 20}}));
    bookinfo.run(1000);
    const Tally t = tally(bookinfo.traffic(2000));
    CHECK(t.full == 2000);
    CHECK(t.version[3] == 0);
    CHECK(t.version[1] > 1500);
    CHECK(t.version[1] < 1700);

    bookinfo.apply("VirtualService", reviewsRule({{"v3", 100}}));
    const Tally moved = tally(bookinfo.traffic(500));
    CHECK(moved.version[3] == 500);
}

TEST_CASE("a subset no DestinationRule defines fails the reviews call (NC) but the page still answers 200") {
    BookinfoFixture bookinfo;
    bookinfo.apply("VirtualService", reviewsRule({{"v3", 100}}));
    const auto outcomes = bookinfo.traffic(50);
    for (const auto& o : outcomes) {
        CHECK(o.status == 200);
        CHECK_FALSE(o.reviewsOk);
        CHECK(o.detailsOk);
        CHECK(o.kind() == common::PageOutcome::Degraded);
    }
}

TEST_CASE("with every reviews pod down the page shows the reviews error, and recovers") {
    BookinfoFixture bookinfo;
    deleteAll(bookinfo, "app=reviews");
    bookinfo.run(Mesh::kPushDelay + 10);
    const Tally down = tally(bookinfo.traffic(100));
    CHECK(down.degraded == 100);
    CHECK(down.failed == 0);
    bookinfo.run(20000);  // replacements start; reviews is slow
    const Tally back = tally(bookinfo.traffic(100));
    CHECK(back.full == 100);
}

TEST_CASE("with productpage down the gateway answers 503 no healthy upstream") {
    BookinfoFixture bookinfo;
    deleteAll(bookinfo, "app=productpage");
    bookinfo.run(Mesh::kPushDelay + 10);
    const auto outcome = bookinfo.cluster().serveRequest({});
    CHECK(outcome.status == 503);
    CHECK(std::string(outcome.failureBody) == "no healthy upstream");
    CHECK(std::string(outcome.flags) == "UH");
    bookinfo.run(10000);
    CHECK(bookinfo.cluster().serveRequest({}).status == 200);
}

TEST_CASE("during the push delay a terminating pod is retried around") {
    BookinfoFixture bookinfo;
    bookinfo.scale("details-v1", 2);
    bookinfo.run(10000);
    const std::string victim = bookinfo.pods("app=details").at(0)["metadata"]["name"];
    bookinfo.deletePod(victim);
    // Inside the push delay sidecars still pick the old pod; the connect failure is retried.
    const Tally t = tally(bookinfo.traffic(20, 5));
    CHECK(t.full == 20);
}

TEST_CASE("timeouts: a 7 s ratings delay breaks v2's page but only v3's stars") {
    BookinfoFixture bookinfo;
    bookinfo.apply("DestinationRule", reviewsSubsets());
    bookinfo.apply("VirtualService",
                   Json{{"metadata", {{"name", "ratings"}}},
                        {"spec",
                         {{"hosts", {"ratings"}},
                          {"http",
                           {{{"match", {{{"headers", {{"end-user", {{"exact", "jason"}}}}}}}},
                             {"fault", {{"delay", {{"percentage", {{"value", 100.0}}}, {"fixedDelay", "7s"}}}}},
                             {"route", {{{"destination", {{"host", "ratings"}}}}}}},
                            {{"route", {{{"destination", {{"host", "ratings"}}}}}}}}}}}});
    RequestAttributes jason;
    jason.endUser = "jason";

    bookinfo.apply("VirtualService", reviewsRule({{"v2", 100}}));
    const auto v2 = bookinfo.cluster().serveRequest(jason);
    CHECK(v2.status == 200);
    CHECK_FALSE(v2.reviewsOk);  // productpage gave up at 3 s, twice
    CHECK(v2.latencyMs > 6000);
    CHECK(v2.latencyMs < 6500);
    CHECK(bookinfo.cluster().serveRequest({}).kind() == common::PageOutcome::Full);  // others are not delayed

    bookinfo.apply("VirtualService", reviewsRule({{"v3", 100}}));
    const auto v3 = bookinfo.cluster().serveRequest(jason);
    CHECK(v3.reviewsOk);
    CHECK_FALSE(v3.ratingsOk);  // reviews v3 waits only 2.5 s
    CHECK(v3.latencyMs > 2500);
    CHECK(v3.latencyMs < 3000);
}

TEST_CASE("an abort fault on ratings takes the stars away") {
    BookinfoFixture bookinfo;
    bookinfo.apply("VirtualService",
                   Json{{"metadata", {{"name", "ratings"}}},
                        {"spec",
                         {{"hosts", {"ratings"}},
                          {"http",
                           {{{"fault", {{"abort", {{"percentage", {{"value", 100.0}}}, {"httpStatus", 500}}}}},
                             {"route", {{{"destination", {{"host", "ratings"}}}}}}}}}}}});
    const Tally t = tally(bookinfo.traffic(300));
    CHECK(t.full == t.version[1]);  // only v1 (no stars) is complete
    CHECK(t.degraded == t.version[2] + t.version[3]);
}

TEST_CASE("a Deployment annotation makes a workload answer errors") {
    BookinfoFixture bookinfo;
    const auto& type = ResourceRegistry::byKind("Deployment");
    Json details = *bookinfo.cluster().store().get(type, "default", "details-v1");
    details["metadata"]["annotations"]["meshlings.dev/error-rate"] = "1";
    bookinfo.cluster().store().update(type, details);
    const Tally t = tally(bookinfo.traffic(50));
    CHECK(t.degraded == 50);
}

TEST_CASE("every hop is counted in istio_requests_total") {
    BookinfoFixture bookinfo;
    bookinfo.traffic(100);
    auto& metrics = bookinfo.cluster().metrics();
    // 100 pages: productpage, details, reviews and (for v2/v3) ratings, destination-reported.
    CHECK(metrics.totalRequests() > 300);
    CHECK(metrics.totalRequests() < 400);
    const std::string text = metrics.exposition();
    CHECK(text.find("istio_requests_total{reporter=\"destination\",source_workload=\"istio-ingressgateway\"") !=
          std::string::npos);
    CHECK(text.find("destination_service=\"reviews.default.svc.cluster.local\"") != std::string::npos);
    CHECK(text.find("istio_request_duration_milliseconds_bucket{") != std::string::npos);
    CHECK(text.find("le=\"+Inf\"") != std::string::npos);
}
