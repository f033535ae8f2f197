#include "simcluster/server/patch.hpp"

#include <doctest/doctest.h>

#include "simcluster/api_error.hpp"

using namespace meshlings::sim;
using Json = nlohmann::json;

namespace {
Json deployment() {
    Json containers = Json::array({{{"name", "app"}, {"image", "a:1"}}, {{"name", "istio-proxy"}, {"image", "p:1"}}});
    Json object;
    object["metadata"] = {{"name", "web"}, {"labels", {{"app", "web"}, {"tier", "front"}}}};
    object["spec"]["replicas"] = 1;
    object["spec"]["template"]["spec"]["containers"] = containers;
    return object;
}
const Json kDeployment = deployment();
}  // namespace

TEST_CASE("merge patch replaces lists and deletes with null") {
    const Json out =
        Patch::apply(Patch::Type::Merge, kDeployment, R"({"metadata":{"labels":{"tier":null}},"spec":{"replicas":3}})");
    CHECK(out["spec"]["replicas"] == 3);
    CHECK_FALSE(out["metadata"]["labels"].contains("tier"));
    CHECK(out["metadata"]["labels"]["app"] == "web");
}

TEST_CASE("JSON patch applies ops and a failed test is 422") {
    const Json out =
        Patch::apply(Patch::Type::JsonPatch, kDeployment, R"([{"op":"replace","path":"/spec/replicas","value":2}])");
    CHECK(out["spec"]["replicas"] == 2);
    try {
        Patch::apply(Patch::Type::JsonPatch, kDeployment, R"([{"op":"test","path":"/spec/replicas","value":9}])");
        FAIL("expected 422");
    } catch (const ApiError& e) {
        CHECK(e.code() == 422);
    }
    CHECK_THROWS_AS(Patch::apply(Patch::Type::JsonPatch, kDeployment, R"({"op":"add"})"), ApiError);
    CHECK_THROWS_AS(Patch::apply(Patch::Type::JsonPatch, kDeployment, "not json"), ApiError);
}

TEST_CASE("strategic merge patch merges named lists and honours $patch") {
    const Json image = Patch::apply(Patch::Type::Strategic, kDeployment,
                                    R"({"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a:2"}]}}}})");
    const auto& containers = image["spec"]["template"]["spec"]["containers"];
    REQUIRE(containers.size() == 2);
    CHECK(containers[0]["image"] == "a:2");
    CHECK(containers[1]["name"] == "istio-proxy");
    const Json removed = Patch::apply(
        Patch::Type::Strategic, kDeployment,
        R"({"spec":{"template":{"spec":{"containers":[{"name":"istio-proxy","$patch":"delete"}],"$setElementOrder/containers":[{"name":"app"}]}}}})");
    CHECK(removed["spec"]["template"]["spec"]["containers"].size() == 1);
}

TEST_CASE("content types: strategic merge only for built-in kinds") {
    CHECK(Patch::typeOf("application/merge-patch+json; charset=utf-8", false) == Patch::Type::Merge);
    CHECK(Patch::typeOf("application/strategic-merge-patch+json", true) == Patch::Type::Strategic);
    CHECK_THROWS_AS(Patch::typeOf("application/strategic-merge-patch+json", false), ApiError);
    CHECK_THROWS_AS(Patch::typeOf("text/plain", true), ApiError);
}
