// Nothing a client sends can crash the built-in cluster: every request, well
// formed or not, gets an HTTP answer (a Status for errors) and the server
// keeps serving. Run under the sanitizers in CI.
#include <doctest/doctest.h>

#include "server_fixture.hpp"

using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

TEST_CASE("garbage in, Status out, server still up") {
    ServerFixture fixture;
    auto& api = fixture.api();
    const std::vector<std::string> collections = {
        "/api/v1/namespaces/default/pods",
        "/api/v1/namespaces/default/services",
        "/apis/apps/v1/namespaces/default/deployments",
        "/apis/apps/v1/namespaces/default/replicasets",
        "/apis/networking.istio.io/v1/namespaces/default/virtualservices",
        "/apis/networking.istio.io/v1beta1/namespaces/default/destinationrules",
        "/api/v1/namespaces",
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"};
    const std::vector<std::string> bodies = {
        "",
        "null",
        "42",
        "\"text\"",
        "[]",
        "{}",
        "{\"metadata\":null}",
        "{\"metadata\":[]}",
        "{\"metadata\":{\"name\":7}}",
        R"({"metadata":{"name":"x","labels":{"a":1}}})",
        R"({"metadata":{"name":"x"},"spec":"s"})",
        R"({"metadata":{"name":"x"},"spec":{"containers":5}})",
        R"({"metadata":{"name":"x"},"spec":{"containers":[{}]}})",
        R"({"metadata":{"name":"x"},"spec":{"replicas":"3","selector":{"matchLabels":{"a":"b"}}}})",
        R"({"metadata":{"name":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"c"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}})",
        R"({"metadata":{"name":"x"},"spec":{"hosts":"reviews","http":[{"route":[{"destination":{"host":5}}]}]}})",
        R"({"metadata":{"name":"x"},"spec":{"hosts":["reviews"],"http":[{"fault":{"delay":{"fixedDelay":7}},"route":[]}]}})",
        R"({"metadata":{"name":"x"},"spec":{"host":"reviews","subsets":[{"name":"v1","labels":{"version":1}}]}})",
        R"({"metadata":{"name":"x"},"spec":{"ports":[1,2],"selector":{"app":"x"}}})",
        R"({"spec":{"resourceAttributes":"all"}})",
        std::string(200000, '['),
        "{\"a\":" + std::string(5000, '{'),
        "\x01\x02\x03\xff\xfe"};
    const std::vector<std::string> contentTypes = {"application/json",
                                                   "application/merge-patch+json",
                                                   "application/json-patch+json",
                                                   "application/strategic-merge-patch+json",
                                                   "application/apply-patch+yaml",
                                                   "text/plain"};
    int answered = 0;
    for (const auto& collection : collections) {
        for (const auto& body : bodies) {
            for (const auto& result :
                 {api.Post(collection, body, "application/json"), api.Put(collection + "/x", body, "application/json"),
                  api.Put(collection + "/x/status", body, "application/json")}) {
                REQUIRE(result);
                CHECK(result->status >= 200);
                CHECK(result->status < 500);
                ++answered;
            }
            for (const auto& type : contentTypes) {
                for (const char* target : {"/bookinfo", "/x", "/details-v1/scale"}) {
                    const auto result = api.Patch(collection + target + "?fieldManager=t", body, type.c_str());
                    REQUIRE(result);
                    CHECK(result->status < 500);
                    if (result->status >= 400) CHECK(Json::parse(result->body)["kind"] == "Status");
                    ++answered;
                }
            }
        }
        for (const char* query :
             {"?labelSelector=%3D%3D", "?fieldSelector=a", "?watch=1&resourceVersion=abc", "?watch=1&timeoutSeconds=x",
              "?watch=1&sendInitialEvents=true", "?limit=-1", "?includeObject=Object", "?dryRun=Maybe"}) {
            const auto result = api.Get(collection + query);
            REQUIRE(result);
            CHECK(result->status < 500);
        }
    }
    for (const char* path : {"/", "/api/v2", "/apis/apps", "/apis/apps/v9", "/api/v1/namespaces/default/pods/a/b/c/d",
                             "/api/v1/namespaces//pods", "/api/v1/nodes/x/status", "/openapi/v3/apis/nope/v1",
                             "/api/v1/namespaces/default/pods/x/exec"}) {
        const auto result = api.Get(path);
        REQUIRE(result);
        CHECK(result->status < 500);
    }
    CHECK(answered > 1000);
    const auto alive = api.Get("/version");
    REQUIRE(alive);
    CHECK(alive->status == 200);
    const auto pods = api.Get("/api/v1/namespaces/default/pods");
    REQUIRE(pods);
    CHECK(Json::parse(pods->body)["items"].size() >= 6);
}

// Each of these once crashed or froze the server, or could have (code review of the first version).
TEST_CASE("known attacks are answered and the server stays up") {
    ServerFixture fixture;
    auto& api = fixture.api();
    const std::string pods = "/api/v1/namespaces/default/pods";
    const std::string table = "application/json;as=Table;v=v1;g=meta.k8s.io";
    auto statusOf = [](const httplib::Result& r) { return r ? r->status : -1; };

    SUBCASE("deeply nested but valid JSON is refused before anything recursive") {
        std::string deep = R"({"metadata":{"name":"deep"},"spec":{"containers":[{"name":"c","image":"i"}],"x":)";
        deep += std::string(100000, '[') + std::string(100000, ']') + "}}";
        CHECK(statusOf(api.Post(pods, deep, "application/json")) == 400);
    }
    SUBCASE("names that are not DNS-1123 (or not UTF-8) are refused") {
        CHECK(statusOf(api.Post("/api/v1/namespaces/%FF/pods", R"({"metadata":{"name":"a"}})", "application/json")) ==
              404);
        CHECK(statusOf(api.Patch(pods + "/%FF?fieldManager=t", R"({"spec":{"containers":[{"name":"c","image":"i"}]}})",
                                 "application/apply-patch+yaml")) == 422);
        CHECK(statusOf(api.Post(pods,
                                R"({"metadata":{"name":"Bad_Name"},"spec":{"containers":[{"name":"c","image":"i"}]}})",
                                "application/json")) == 422);
        CHECK(statusOf(api.Post("/api/v1/pods", R"({"metadata":{"name":"a"}})", "application/json")) == 405);
    }
    SUBCASE("numbers at the edges") {
        CHECK(statusOf(api.Patch("/apis/apps/v1/namespaces/default/deployments/reviews-v1/scale",
                                 R"({"spec":{"replicas":3000000000}})", "application/merge-patch+json")) == 422);
        CHECK(statusOf(api.Patch("/apis/apps/v1/namespaces/default/deployments/reviews-v1/scale", R"({"spec":null})",
                                 "application/merge-patch+json")) == 422);
        const std::string details =
            Json::parse(api.Get(pods + "?labelSelector=app%3Ddetails")->body)["items"][0]["metadata"]["name"];
        CHECK(statusOf(api.Delete(pods + "/" + details + "?gracePeriodSeconds=9223372036854775807")) == 200);
        // A watch asking to stay open for three thousand years: clamped, and the client gives up first.
        httplib::Client quick(fixture.server().apiUrl());
        quick.set_read_timeout(1, 0);
        quick.Get(pods + "?watch=1&timeoutSeconds=99999999999");
    }
    SUBCASE("status and spec shapes the printers and controllers read") {
        CHECK(statusOf(api.Post("/api/v1/namespaces/default/events",
                                R"({"metadata":{"name":"e"},"involvedObject":{},"source":"x"})", "application/json")) ==
              201);
        CHECK(statusOf(api.Post("/api/v1/namespaces/default/events", R"({"metadata":{"name":"f"}})",
                                "application/json")) == 201);
        httplib::Headers asTable{{"Accept", table}};
        CHECK(statusOf(api.Get("/api/v1/namespaces/default/events", asTable)) == 200);
        CHECK(
            statusOf(api.Post(
                pods,
                R"({"metadata":{"name":"p","labels":{"app":"details"}},"spec":{"containers":[{"name":"c","image":"i"}],"nodeName":"ghost"},"status":{"podIP":"1.2.3.4","conditions":[{}],"containerStatuses":[{"ready":true}]}})",
                "application/json")) == 201);
        CHECK(
            statusOf(api.Patch(
                pods + "/p",
                R"({"spec":{"nodeName":"nowhere"},"metadata":{"deletionTimestamp":"2020-01-01T00:00:00Z","labels":null}})",
                "application/merge-patch+json")) == 200);
        CHECK(statusOf(
                  api.Patch(pods + "/p/status",
                            R"({"status":{"conditions":[{}],"containerStatuses":[{"ready":true,"restartCount":"x"}]}})",
                            "application/merge-patch+json")) == 200);
        CHECK(statusOf(api.Get(pods, asTable)) == 200);
        CHECK(statusOf(api.Post(
                  pods,
                  R"({"metadata":{"name":"q","ownerReferences":[5]},"spec":{"containers":[{"name":"c","image":"i"}]}})",
                  "application/json")) == 422);
        CHECK(statusOf(api.Patch("/apis/apps/v1/namespaces/default/deployments/reviews-v1/status",
                                 R"({"status":{"conditions":[{"type":"Available"}]}})",
                                 "application/merge-patch+json")) == 200);
    }
    SUBCASE("regexes that backtrack for ever are refused") {
        const std::string vs = "/apis/networking.istio.io/v1/namespaces/default/virtualservices";
        CHECK(
            statusOf(api.Post(
                vs,
                R"({"metadata":{"name":"r"},"spec":{"hosts":["*"],"gateways":["bookinfo-gateway"],"http":[{"match":[{"uri":{"regex":"/(a+)+$"}}],"route":[{"destination":{"host":"productpage"}}]}]}})",
                "application/json")) == 422);
        CHECK(
            statusOf(api.Post(
                vs,
                R"({"metadata":{"name":"s"},"spec":{"hosts":["ratings"],"http":[{"match":[{"headers":{"end-user":{"regex":"ja.*"}}}],"route":[{"destination":{"host":"ratings"}}]}]}})",
                "application/json")) == 201);
        CHECK(statusOf(fixture.ingress().Get("/productpage")) == 200);
    }
    fixture.server().cluster();  // the model is still there
    const auto alive = api.Get("/api/v1/namespaces/default/pods");
    REQUIRE(alive);
    CHECK(alive->status == 200);
    CHECK(statusOf(fixture.ingress().Get("/productpage")) == 200);
}
