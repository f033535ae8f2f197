// The reviews VirtualService as written by Kiali, by Bookinfo's samples and by hand -> the weights the probe meets.
#include "bridge/weights_reader.hpp"

#include <doctest/doctest.h>

using meshlings::bridge::WeightsReader;
using meshlings::world::ReviewsWeights;
using Json = nlohmann::json;

namespace {

Json destination(const std::string& subset, int weight) {
    Json d{{"destination", {{"host", "reviews"}, {"subset", subset}}}};
    if (weight >= 0) d["weight"] = weight;
    return d;
}

Json withRules(Json rules) {
    return {{"metadata", {{"name", "reviews"}}}, {"spec", {{"hosts", {"reviews"}}, {"http", rules}}}};
}

}  // namespace

TEST_CASE("Kiali's wizard shape and Bookinfo's samples") {
    CHECK(WeightsReader::read(nullptr) == ReviewsWeights{});
    CHECK(WeightsReader::read(nullptr).text() == "round robin");
    const Json kiali = withRules({{{"route", {destination("v1", 33), destination("v2", 33), destination("v3", 34)}}}});
    CHECK(WeightsReader::read(&kiali) == ReviewsWeights::of(33, 33, 34));
    const Json allV1 = withRules({{{"route", {destination("v1", -1)}}}});  // virtual-service-all-v1.yaml
    CHECK(WeightsReader::read(&allV1) == ReviewsWeights::of(100, 0, 0));
    // virtual-service-reviews-test-v2.yaml: jason gets v2, the probe (no end-user) gets v1.
    const Json jason = withRules(
        {{{"match", {{{"headers", {{"end-user", {{"exact", "jason"}}}}}}}}, {"route", {destination("v2", -1)}}},
         {{"route", {destination("v1", -1)}}}});
    CHECK(WeightsReader::read(&jason) == ReviewsWeights::of(100, 0, 0));
    CHECK(WeightsReader::defaultRuleIndex(jason) == 1);
}

TEST_CASE("routes the game cannot show as v1/v2/v3 weights read as round robin") {
    const Json unknownSubset = withRules({{{"route", {destination("v4", 100)}}}});
    CHECK_FALSE(WeightsReader::read(&unknownSubset).defined);
    const Json badSum = withRules({{{"route", {destination("v1", 50), destination("v2", 20)}}}});
    CHECK_FALSE(WeightsReader::read(&badSum).defined);
    const Json onlyMatches =
        withRules({{{"match", {{{"uri", {{"prefix", "/x"}}}}}}, {"route", {destination("v1", -1)}}}});
    CHECK_FALSE(WeightsReader::read(&onlyMatches).defined);
    const Json garbage = Json{{"spec", {{"http", "nope"}}}};
    CHECK_FALSE(WeightsReader::read(&garbage).defined);
}
