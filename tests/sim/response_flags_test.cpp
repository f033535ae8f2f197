// istio_requests_total's response_flags in the built-in mesh are set where
// Envoy sets them: UF (connection refused by a pod the sidecar still knows),
// UF,URX (after Istio's default retries), NR (no route matches), UT (route
// timeout); UH, URX and UO have their own tests (mesh, resilience,
// circuit_breaker).
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "metrics_sum.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using meshlings::sim::testing::requestsTotal;
using Json = nlohmann::json;

namespace {

RequestAttributes ratingsApi() {
    RequestAttributes request;
    request.path = "/api/v1/products/0/ratings";  // productpage calls ratings once
    return request;
}

double ratingsFlag(BookinfoFixture& bookinfo, const std::string& code, const std::string& flags) {
    return requestsTotal(bookinfo.cluster().metrics(),
                         {"reporter=\"source\"", "destination_service_name=\"ratings\"",
                          "response_code=\"" + code + "\"", "response_flags=\"" + flags + "\""});
}

Json ratingsRoute(Json http) {
    http["route"] = {{{"destination", {{"host", "ratings"}}}}};
    return {{"metadata", {{"name", "ratings"}}}, {"spec", {{"hosts", {"ratings"}}, {"http", {http}}}}};
}

}  // namespace

TEST_CASE("UF,URX then UF: the only ratings pod is gone but the sidecar has not heard yet") {
    BookinfoFixture bookinfo(51);
    const auto pods = bookinfo.pods("app=ratings");
    REQUIRE(pods.size() == 1);
    bookinfo.deletePod(pods[0]["metadata"]["name"]);
    CHECK(bookinfo.cluster().serveRequest(ratingsApi()).backendStatus == 503);
    CHECK(ratingsFlag(bookinfo, "503", "UF,URX") == 1);  // Istio's default: 2 retries on connect-failure
    bookinfo.apply("VirtualService", ratingsRoute({{"retries", {{"attempts", 0}}}}));
    bookinfo.cluster().serveRequest(ratingsApi());
    CHECK(ratingsFlag(bookinfo, "503", "UF") == 1);
    // After the push the pod is out of every view: no healthy upstream.
    bookinfo.run(Mesh::kPushDelay);
    bookinfo.cluster().serveRequest(ratingsApi());
    CHECK(ratingsFlag(bookinfo, "503", "UH") == 1);
}

TEST_CASE("NR: rules exist for ratings but none matches the request") {
    BookinfoFixture bookinfo(52);
    bookinfo.apply("VirtualService", ratingsRoute({{"match", {{{"uri", {{"exact", "/nothing"}}}}}}}));
    CHECK(bookinfo.cluster().serveRequest(ratingsApi()).backendStatus == 404);
    CHECK(ratingsFlag(bookinfo, "404", "NR") == 1);
}

TEST_CASE("UT: ratings slower than the route timeout") {
    BookinfoFixture bookinfo(53);
    const auto& type = ResourceRegistry::byKind("Deployment");
    Json ratings = *bookinfo.cluster().store().get(type, "default", "ratings-v1");
    ratings["metadata"]["annotations"]["meshlings.dev/latency-ms"] = "200";
    bookinfo.cluster().store().update(type, ratings);
    bookinfo.apply("VirtualService", ratingsRoute({{"timeout", "50ms"}}));
    CHECK(bookinfo.cluster().serveRequest(ratingsApi()).backendStatus == 504);
    CHECK(ratingsFlag(bookinfo, "504", "UT") == 1);
}
