// Issue 17, case 8d: what a real API server refuses before storing anything.
// Expected: a POST or PUT whose Content-Type is not one it decodes is 415
// UnsupportedMediaType with the real message, and a name that is not a
// DNS-1123 subdomain ("a..b") is 422 Invalid with the real message.
// Observed before: a POST with `Content-Type: text/plain` was decoded as
// JSON (201), and a pod named `a..b` was created.
#include <doctest/doctest.h>

#include "server_fixture.hpp"

using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

const char* kShapePods = "/api/v1/namespaces/default/pods";
const char* kShapeVs = "/apis/networking.istio.io/v1/namespaces/default/virtualservices";

std::string shapePod(const std::string& name) {
    return Json{{"metadata", {{"name", name}}}, {"spec", {{"containers", {{{"name", "c"}, {"image", "busybox"}}}}}}}
        .dump();
}

}  // namespace

TEST_CASE("a create or update in a media type the API server does not decode is 415") {
    ServerFixture fixture;
    auto& api = fixture.api();
    const auto plain = api.Post(kShapePods, shapePod("plain"), "text/plain");
    REQUIRE(plain);
    CHECK(plain->status == 415);
    const Json status = Json::parse(plain->body);
    CHECK(status["reason"] == "UnsupportedMediaType");
    CHECK(status["message"] ==
          "the body of the request was in an unknown format - accepted media types include: application/json, "
          "application/yaml, application/vnd.kubernetes.protobuf");
    CHECK(api.Get(std::string(kShapePods) + "/plain")->status == 404);

    const auto form =
        api.Post(kShapeVs, R"({"metadata":{"name":"f"},"spec":{"hosts":["f"]}})", "application/x-www-form-urlencoded");
    REQUIRE(form);
    CHECK(form->status == 415);
    CHECK(Json::parse(form->body)["message"] ==
          "the body of the request was in an unknown format - accepted media types include: application/json, "
          "application/yaml");

    REQUIRE(api.Post(kShapePods, shapePod("json"), "application/json; charset=utf-8")->status == 201);
    auto current = Json::parse(api.Get(std::string(kShapePods) + "/json")->body);
    const auto put = api.Put(std::string(kShapePods) + "/json", current.dump(), "text/plain");
    REQUIRE(put);
    CHECK(put->status == 415);
}

TEST_CASE("a name that is not a DNS-1123 subdomain is 422 with the real message") {
    ServerFixture fixture;
    auto& api = fixture.api();
    for (const std::string name : {"a..b", "a.-b", "a-.b", ".a", "a."}) {
        CAPTURE(name);
        const auto result = api.Post(kShapePods, shapePod(name), "application/json");
        REQUIRE(result);
        CHECK(result->status == 422);
        const Json status = Json::parse(result->body);
        CHECK(status["reason"] == "Invalid");
        CHECK(status["message"] ==
              "Pod \"" + name + "\" is invalid: metadata.name: Invalid value: \"" + name +
                  "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                  "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                  "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        CHECK(status["details"]["causes"][0]["field"] == "metadata.name");
    }
    CHECK(api.Post(kShapePods, shapePod("a.b-c.d"), "application/json")->status == 201);
}
