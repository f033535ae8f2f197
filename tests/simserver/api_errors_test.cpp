// Bad requests get a Kubernetes Status with the code and reason a real API
// server would give.
#include <doctest/doctest.h>

#include <sstream>

#include "server_fixture.hpp"

using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

void expectStatus(const httplib::Result& result, int code, const char* reason) {
    REQUIRE(result);
    CHECK(result->status == code);
    const Json status = Json::parse(result->body);
    CHECK(status["kind"] == "Status");
    CHECK(status["status"] == "Failure");
    CHECK(status["code"] == code);
    CHECK(status["reason"] == reason);
}

const char* kVs = "/apis/networking.istio.io/v1/namespaces/default/virtualservices";

}  // namespace

TEST_CASE("API errors are Kubernetes Status objects") {
    ServerFixture fixture;
    auto& api = fixture.api();

    SUBCASE("404 for a pod that is not there, naming it") {
        const auto result = api.Get("/api/v1/namespaces/default/pods/reviews-v9-nope");
        expectStatus(result, 404, "NotFound");
        CHECK(Json::parse(result->body)["message"] == "pods \"reviews-v9-nope\" not found");
    }
    SUBCASE("404 for a path that names no resource") {
        expectStatus(api.Get("/apis/nope.io/v1/things"), 404, "NotFound");
    }
    SUBCASE("400 for a malformed body") {
        expectStatus(api.Post(kVs, "{\"metadata\": {", "application/json"), 400, "BadRequest");
        expectStatus(api.Post(kVs, "[1,2]", "application/json"), 400, "BadRequest");
    }
    SUBCASE("400 for a bad selector or boolean") {
        expectStatus(api.Get("/api/v1/pods?labelSelector=app%20in%20reviews"), 400, "BadRequest");
        expectStatus(api.Get("/api/v1/pods?watch=maybe"), 400, "BadRequest");
    }
    SUBCASE("409 for an existing name and for a stale resourceVersion") {
        const std::string body = R"({"metadata":{"name":"reviews"},"spec":{"hosts":["reviews"]}})";
        REQUIRE(api.Post(kVs, body, "application/json")->status == 201);
        expectStatus(api.Post(kVs, body, "application/json"), 409, "AlreadyExists");
        Json current = Json::parse(api.Get(std::string(kVs) + "/reviews")->body);
        const std::string stale = current["metadata"]["resourceVersion"];
        current["spec"]["hosts"] = {"reviews", "reviews.default.svc.cluster.local"};
        REQUIRE(api.Put(std::string(kVs) + "/reviews", current.dump(), "application/json")->status == 200);
        current["metadata"]["resourceVersion"] = stale;
        current["spec"]["hosts"] = {"x"};
        expectStatus(api.Put(std::string(kVs) + "/reviews", current.dump(), "application/json"), 409, "Conflict");
    }
    SUBCASE("415 for a strategic merge patch on a custom resource") {
        api.Post(kVs, R"({"metadata":{"name":"r"},"spec":{"hosts":["r"]}})", "application/json");
        expectStatus(api.Patch(std::string(kVs) + "/r", "{}", "application/strategic-merge-patch+json"), 415,
                     "UnsupportedMediaType");
    }
    SUBCASE("422 for invalid values") {
        expectStatus(api.Patch("/apis/apps/v1/namespaces/default/deployments/reviews-v3/scale",
                               R"({"spec":{"replicas":-1}})", "application/merge-patch+json"),
                     422, "Invalid");
        expectStatus(api.Post(kVs, R"({"metadata":{"name":"bad"},"spec":{"http":[{"route":[{"weight":5}]}]}})",
                              "application/json"),
                     422, "Invalid");
        expectStatus(api.Patch(std::string(kVs) + "/bookinfo", R"([{"op":"test","path":"/spec/hosts/0","value":"x"}])",
                               "application/json-patch+json"),
                     422, "Invalid");
        // maxSurge and maxUnavailable both 0 (issue 19), as the apps validation answers it.
        const auto both = api.Patch("/apis/apps/v1/namespaces/default/deployments/reviews-v3",
                                    R"({"spec":{"strategy":{"rollingUpdate":{"maxSurge":0,"maxUnavailable":"0%"}}}})",
                                    "application/merge-patch+json");
        expectStatus(both, 422, "Invalid");
        CHECK(Json::parse(both->body)["message"] ==
              "Deployment.apps \"reviews-v3\" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "
              "\"0%\": may not be 0 when `maxSurge` is 0");
    }
    SUBCASE("405 for a verb the resource does not have") {
        expectStatus(api.Post("/api/v1/namespaces/default/pods/x", "{}", "application/json"), 405, "MethodNotAllowed");
    }
    SUBCASE("410 Expired for a watch from a version no longer kept, as a 200 with one ERROR event") {
        // Churn past the kept history (this fixture keeps 1000 events).
        for (int i = 0; i < 600; ++i) {
            const std::string name = "churn" + std::to_string(i);
            api.Post(kVs, R"({"metadata":{"name":")" + name + R"("},"spec":{"hosts":["x"]}})", "application/json");
            api.Delete(std::string(kVs) + "/" + name);
        }
        const auto result = api.Get(std::string(kVs) + "?watch=true&resourceVersion=2");
        REQUIRE(result);
        CHECK(result->status == 200);
        const Json event = Json::parse(result->body);
        CHECK(event["type"] == "ERROR");
        CHECK(event["object"]["code"] == 410);
        CHECK(event["object"]["reason"] == "Expired");
    }
}

TEST_CASE("a watch with bookmarks allowed ends with a BOOKMARK at its timeout") {
    ServerFixture fixture;
    const auto list = fixture.api().Get("/api/v1/namespaces/default/pods");
    const std::string listVersion = Json::parse(list->body)["metadata"]["resourceVersion"];
    const auto result = fixture.api().Get(
        "/api/v1/namespaces/default/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=2"
        "&resourceVersion=" +
        listVersion);
    REQUIRE(result);
    CHECK(result->status == 200);
    std::string last;
    std::istringstream lines(result->body);
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) last = line;
    }
    const Json bookmark = Json::parse(last);
    CHECK(bookmark["type"] == "BOOKMARK");
    CHECK(bookmark["object"]["kind"] == "Pod");
    CHECK(std::stoull(bookmark["object"]["metadata"]["resourceVersion"].get<std::string>()) >=
          std::stoull(listVersion));
}
