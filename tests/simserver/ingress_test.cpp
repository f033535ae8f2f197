// The Bookinfo ingress answers like the real page: markers per reviews
// version, the errors when a backend fails, metrics for Prometheus.
#include <doctest/doctest.h>

#include <thread>

#include "server_fixture.hpp"

using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {
bool contains(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
}
}  // namespace

TEST_CASE("the product page carries the real page's markers") {
    ServerFixture fixture;
    bool sawNoStars = false, sawBlack = false, sawRed = false;
    for (int i = 0; i < 30; ++i) {
        const auto page = fixture.ingress().Get("/productpage");
        REQUIRE(page);
        CHECK(page->status == 200);
        CHECK(contains(page->body, "<title>Simple Bookstore App</title>"));
        CHECK(contains(page->body, "Book Details"));
        CHECK(contains(page->body, "Reviews served by: <u>reviews-v"));
        sawBlack = sawBlack || contains(page->body, "text-black-500");
        sawRed = sawRed || contains(page->body, "text-red-500");
        sawNoStars = sawNoStars || !contains(page->body, "glyphicon-star");
    }
    CHECK(sawNoStars);
    CHECK(sawBlack);
    CHECK(sawRed);
    const auto health = fixture.ingress().Get("/health");
    CHECK(health->body == "Product page is healthy");
    const auto products = fixture.ingress().Get("/api/v1/products");
    CHECK(Json::parse(products->body)[0]["title"] == "The Comedy of Errors");
    const auto reviews = fixture.ingress().Get("/api/v1/products/0/reviews");
    CHECK(Json::parse(reviews->body)["reviews"].size() == 2);
    CHECK(fixture.ingress().Get("/api/v1/products/zero")->status == 400);
}

TEST_CASE("with reviews scaled to zero the page says so and still answers 200") {
    ServerFixture fixture;
    for (const char* version : {"v1", "v2", "v3"}) {
        const auto result = fixture.api().Patch(
            std::string("/apis/apps/v1/namespaces/default/deployments/reviews-") + version + "/scale",
            R"({"spec":{"replicas":0}})", "application/merge-patch+json");
        REQUIRE(result->status == 200);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the push delay
    const auto page = fixture.ingress().Get("/productpage");
    CHECK(page->status == 200);
    CHECK(contains(page->body, "Error fetching product reviews"));
    CHECK(contains(page->body, "Sorry, product reviews are currently unavailable for this book."));
    CHECK(contains(page->body, "Book Details"));
    const auto api = fixture.ingress().Get("/api/v1/products/0/reviews");
    CHECK(api->status == 503);
    CHECK(contains(api->body, "Sorry, product reviews are currently unavailable"));
}

TEST_CASE("Istio metrics are served in Prometheus text format") {
    ServerFixture fixture;
    for (int i = 0; i < 5; ++i) fixture.ingress().Get("/productpage");
    const auto metrics = fixture.ingress().Get("/stats/prometheus");
    REQUIRE(metrics);
    CHECK(contains(metrics->get_header_value("Content-Type"), "text/plain"));
    CHECK(contains(metrics->body, "# TYPE istio_requests_total counter"));
    CHECK(contains(metrics->body,
                   "istio_requests_total{reporter=\"destination\",source_workload=\"istio-ingressgateway\""));
    CHECK(contains(metrics->body, "destination_workload=\"productpage-v1\""));
    CHECK(contains(metrics->body, "istio_request_duration_milliseconds_count{"));
}
