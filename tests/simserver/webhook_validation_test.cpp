// VirtualServices and DestinationRules are checked as Istio's validating
// webhook checks them (issue 18: weights 80/10 and 150/-50 and unknown spec
// fields were stored): a denial is 400 with the webhook's message, on create,
// update and patch; what Istio accepts is still stored. Unknown fields are
// the apiserver's (field validation, issue 19), before any webhook.
#include <doctest/doctest.h>

#include "server_fixture.hpp"

using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

const std::string kVs = "/apis/networking.istio.io/v1/namespaces/default/virtualservices";
const std::string kDr = "/apis/networking.istio.io/v1/namespaces/default/destinationrules";
const std::string kDenied = "admission webhook \"validation.istio.io\" denied the request: ";

Json reviews(int w1, int w2) {
    return {{"apiVersion", "networking.istio.io/v1"},
            {"kind", "VirtualService"},
            {"metadata", {{"name", "reviews"}}},
            {"spec",
             {{"hosts", {"reviews"}},
              {"http",
               {{{"route",
                  {{{"destination", {{"host", "reviews"}, {"subset", "v1"}}}, {"weight", w1}},
                   {{"destination", {{"host", "reviews"}, {"subset", "v2"}}}, {"weight", w2}}}}}}}}}};
}

Json rule(Json trafficPolicy) {
    return {{"apiVersion", "networking.istio.io/v1"},
            {"kind", "DestinationRule"},
            {"metadata", {{"name", "ratings"}}},
            {"spec", {{"host", "ratings"}, {"trafficPolicy", std::move(trafficPolicy)}}}};
}

// The reply is the API server's Status for a webhook denial: 400, no reason, the webhook's message.
std::string denial(const httplib::Result& result) {
    REQUIRE(result);
    CHECK(result->status == 400);
    const Json status = Json::parse(result->body);
    CHECK(status["kind"] == "Status");
    CHECK(status["code"] == 400);
    CHECK_FALSE(status.contains("reason"));
    const std::string message = status["message"];
    CHECK(message.rfind(kDenied, 0) == 0);
    return message.substr(std::min(message.size(), kDenied.size()));
}

httplib::Result post(ServerFixture& fixture, const std::string& path, const Json& object) {
    return fixture.api().Post(path, object.dump(), "application/json");
}

}  // namespace

TEST_CASE("negative weights are denied, as by validation.istio.io; weights are relative, as since Istio 1.15") {
    ServerFixture fixture;
    CHECK(denial(post(fixture, kVs, reviews(150, -50))) == "configuration is invalid: weight -50 < 0");
    // Nothing was stored.
    CHECK(fixture.api().Get(kVs + "/reviews")->status == 404);
    // Istio <= 1.14 required a sum of 100; Istio 1.24 (the one the cluster seeds) splits 80/10 as 8 to 1.
    CHECK(post(fixture, kVs, reviews(80, 10))->status == 201);
}

TEST_CASE("updates and patches are checked as creates are") {
    ServerFixture fixture;
    REQUIRE(post(fixture, kVs, reviews(100, 0))->status == 201);
    auto& api = fixture.api();
    const std::string merge =
        R"({"spec":{"http":[{"route":[{"destination":{"host":"reviews","subset":"v1"},"weight":50},)"
        R"({"destination":{"host":"reviews","subset":"v2"},"weight":-40}]}]}})";
    CHECK(denial(api.Patch(kVs + "/reviews", merge, "application/merge-patch+json")) ==
          "configuration is invalid: weight -40 < 0");
    const std::string json = R"([{"op":"replace","path":"/spec/http/0/route/1/weight","value":-5}])";
    CHECK(denial(api.Patch(kVs + "/reviews", json, "application/json-patch+json")).find("weight -5 < 0") !=
          std::string::npos);
    Json current = Json::parse(api.Get(kVs + "/reviews")->body);
    current["spec"]["http"][0]["retries"] = {{"attempts", 3}, {"perTryTimeout", "abc"}};
    CHECK(denial(api.Put(kVs + "/reviews", current.dump(), "application/json")) ==
          "error decoding configuration: bad Duration: time: invalid duration \"abc\"");
    // A dry run is judged too (webhooks with no side effects run on dry runs).
    CHECK(denial(api.Patch(kVs + "/reviews?dryRun=All", merge, "application/merge-patch+json")).size() > 0);
    // The object is unchanged: 100/0.
    const Json stored = Json::parse(api.Get(kVs + "/reviews")->body);
    CHECK(stored["spec"]["http"][0]["route"][0]["weight"] == 100);
}

// An unknown field never reaches the webhook: the apiserver decodes a
// structural CRD first (issue 19), so Strict is its 400 and Warn (the
// default) prunes the field with a warning.
std::string strictError(const httplib::Result& result) {
    REQUIRE(result);
    CHECK(result->status == 400);
    const Json status = Json::parse(result->body);
    CHECK(status["reason"] == "BadRequest");
    return status["message"];
}

TEST_CASE("unknown fields are the apiserver's strict decoding error or pruned with a warning; Istio's names are not") {
    ServerFixture fixture;
    const std::string strict = "?fieldValidation=Strict";
    Json vs = reviews(80, 20);
    vs["spec"]["http"][0]["retrys"] = {{"attempts", 3}};
    CHECK(strictError(fixture.api().Post(kVs + strict, vs.dump(), "application/json")) ==
          "VirtualService in version \"v1\" cannot be handled as a VirtualService: strict decoding error: unknown "
          "field \"spec.http[0].retrys\"");
    vs = reviews(80, 20);
    vs["spec"]["colour"] = "blue";
    const auto warned = post(fixture, kVs, vs);
    REQUIRE(warned);
    CHECK(warned->status == 201);
    CHECK(warned->get_header_value("Warning") == "299 - \"unknown field \\\"spec.colour\\\"\"");
    CHECK_FALSE(Json::parse(warned->body)["spec"].contains("colour"));
    const Json pending = rule({{"connectionPool", {{"http", {{"maxPending", 1}}}}}});
    CHECK(strictError(fixture.api().Post(kDr + strict, pending.dump(), "application/json")) ==
          "DestinationRule in version \"v1\" cannot be handled as a DestinationRule: strict decoding error: unknown "
          "field \"spec.trafficPolicy.connectionPool.http.maxPending\"");
    const Json full =
        rule({{"connectionPool",
               {{"tcp", {{"maxConnections", 1}, {"connectTimeout", "100ms"}}},
                {"http",
                 {{"http1MaxPendingRequests", 1},
                  {"http2MaxRequests", 1},
                  {"maxRequestsPerConnection", 1},
                  {"maxRetries", 1},
                  {"idleTimeout", "1.5s"}}}}},
              {"outlierDetection", {{"consecutive5xxErrors", 1}, {"interval", "1s"}, {"baseEjectionTime", "1m30s"}}},
              {"loadBalancer", {{"consistentHash", {{"httpHeaderName", "end-user"}}}}}});
    CHECK(fixture.api().Post(kDr + strict, full.dump(), "application/json")->status == 201);
}

TEST_CASE("durations must parse as Go durations; an empty destination host is denied") {
    ServerFixture fixture;
    Json vs = reviews(80, 20);
    vs["spec"]["http"][0]["timeout"] = "1.5s";
    vs["spec"]["http"][0]["fault"] = {{"delay", {{"fixedDelay", "100ms"}, {"percentage", {{"value", 10}}}}}};
    CHECK(post(fixture, kVs, vs)->status == 201);
    CHECK(denial(post(fixture, kDr, rule({{"outlierDetection", {{"interval", "10 s"}}}}))) ==
          "error decoding configuration: bad Duration: time: invalid duration \"10 s\"");
    Json empty = reviews(80, 20);
    empty["metadata"]["name"] = "empty-host";
    empty["spec"]["http"][0]["route"][1]["destination"]["host"] = "";
    CHECK(denial(post(fixture, kVs, empty)) == "configuration is invalid: empty domain name not allowed");
}
