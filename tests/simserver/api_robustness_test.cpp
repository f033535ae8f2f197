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
        "/api/v1/namespaces/default/pods", "/api/v1/namespaces/default/services",
        "/apis/apps/v1/namespaces/default/deployments", "/apis/apps/v1/namespaces/default/replicasets",
        "/apis/networking.istio.io/v1/namespaces/default/virtualservices",
        "/apis/networking.istio.io/v1beta1/namespaces/default/destinationrules", "/api/v1/namespaces",
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"};
    const std::vector<std::string> bodies = {
        "", "null", "42", "\"text\"", "[]", "{}", "{\"metadata\":null}", "{\"metadata\":[]}", "{\"metadata\":{\"name\":7}}",
        R"({"metadata":{"name":"x","labels":{"a":1}}})", R"({"metadata":{"name":"x"},"spec":"s"})",
        R"({"metadata":{"name":"x"},"spec":{"containers":5}})", R"({"metadata":{"name":"x"},"spec":{"containers":[{}]}})",
        R"({"metadata":{"name":"x"},"spec":{"replicas":"3","selector":{"matchLabels":{"a":"b"}}}})",
        R"({"metadata":{"name":"x"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"c"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}})",
        R"({"metadata":{"name":"x"},"spec":{"hosts":"reviews","http":[{"route":[{"destination":{"host":5}}]}]}})",
        R"({"metadata":{"name":"x"},"spec":{"hosts":["reviews"],"http":[{"fault":{"delay":{"fixedDelay":7}},"route":[]}]}})",
        R"({"metadata":{"name":"x"},"spec":{"host":"reviews","subsets":[{"name":"v1","labels":{"version":1}}]}})",
        R"({"metadata":{"name":"x"},"spec":{"ports":[1,2],"selector":{"app":"x"}}})",
        R"({"spec":{"resourceAttributes":"all"}})", std::string(200000, '['), "{\"a\":" + std::string(5000, '{'),
        "\x01\x02\x03\xff\xfe"};
    const std::vector<std::string> contentTypes = {"application/json", "application/merge-patch+json",
                                                   "application/json-patch+json", "application/strategic-merge-patch+json",
                                                   "application/apply-patch+yaml", "text/plain"};
    int answered = 0;
    for (const auto& collection : collections) {
        for (const auto& body : bodies) {
            for (const auto& result : {api.Post(collection, body, "application/json"),
                                       api.Put(collection + "/x", body, "application/json"),
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
        for (const char* query : {"?labelSelector=%3D%3D", "?fieldSelector=a", "?watch=1&resourceVersion=abc",
                                  "?watch=1&timeoutSeconds=x", "?watch=1&sendInitialEvents=true", "?limit=-1",
                                  "?includeObject=Object", "?dryRun=Maybe"}) {
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
