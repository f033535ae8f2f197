// limit / continue paging of lists (issue 19, "API"): the pages cover the
// list exactly once, and a continue token whose resourceVersion the store has
// compacted is 410 Expired with the apiserver's message.
#include <doctest/doctest.h>

#include "server_fixture.hpp"

using meshlings::sim::testing::kPods;
using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

Json getJson(ServerFixture& f, const std::string& path, int expectStatus = 200) {
    const auto result = f.api().Get(path);
    REQUIRE(result);
    CHECK_MESSAGE(result->status == expectStatus, result->body);
    return Json::parse(result->body);
}

}  // namespace

TEST_CASE("paged lists cover every pod once, in one resourceVersion") {
    ServerFixture f;
    const Json all = getJson(f, kPods);
    std::vector<std::string> expected;
    for (const auto& pod : all["items"]) expected.push_back(pod["metadata"]["name"]);
    REQUIRE(expected.size() > 3);

    std::vector<std::string> paged;
    Json page = getJson(f, std::string(kPods) + "?limit=2");
    const std::string version = page["metadata"]["resourceVersion"];
    for (int pages = 0;; ++pages) {
        REQUIRE(pages < 100);
        CHECK(page["items"].size() <= 2);
        CHECK(page["metadata"]["resourceVersion"] == version);
        for (const auto& pod : page["items"]) paged.push_back(pod["metadata"]["name"]);
        const std::string token = page["metadata"].value("continue", "");
        if (token.empty()) break;
        page = getJson(f, std::string(kPods) + "?limit=2&continue=" + token);
    }
    CHECK(paged == expected);
}

TEST_CASE("a continue token older than the store's history is 410 Expired") {
    auto options = ServerFixture::defaults();
    options.watchHistory = 10;
    ServerFixture f(options);
    const Json first = getJson(f, std::string(kPods) + "?limit=1");
    const std::string token = first["metadata"]["continue"];
    REQUIRE(!token.empty());
    for (int i = 0; i < 12; ++i) {
        const Json map{{"apiVersion", "v1"},
                       {"kind", "ConfigMap"},
                       {"metadata", {{"name", "c" + std::to_string(i)}}},
                       {"data", {{"k", "v"}}}};
        const auto made = f.api().Post("/api/v1/namespaces/default/configmaps", map.dump(), "application/json");
        REQUIRE(made);
        REQUIRE(made->status == 201);
    }
    const Json expired = getJson(f, std::string(kPods) + "?limit=1&continue=" + token, 410);
    CHECK(expired["reason"] == "Expired");
    CHECK(expired["message"].get<std::string>().rfind(
              "The provided continue parameter is too old to display a consistent list result.", 0) == 0);
    getJson(f, std::string(kPods) + "?limit=1&continue=not-a-token", 400);
}
