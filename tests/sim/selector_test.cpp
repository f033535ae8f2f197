#include "simcluster/selector.hpp"

#include <doctest/doctest.h>

#include "simcluster/api_error.hpp"

using namespace meshlings::sim;
using Json = nlohmann::json;

namespace {
Json pod(const Json& labels, const std::string& phase = "Running") {
    return {{"metadata", {{"name", "reviews-v1-x"}, {"namespace", "default"}, {"labels", labels}}},
            {"status", {{"phase", phase}}}};
}
}  // namespace

TEST_CASE("label selectors: equality, sets and existence") {
    const Json reviews = pod({{"app", "reviews"}, {"version", "v2"}});
    CHECK(Selector::parseLabels("").matches(reviews));
    CHECK(Selector::parseLabels("app=reviews").matches(reviews));
    CHECK(Selector::parseLabels("app==reviews,version=v2").matches(reviews));
    CHECK_FALSE(Selector::parseLabels("app=reviews,version=v3").matches(reviews));
    CHECK(Selector::parseLabels("version!=v3").matches(reviews));
    CHECK(Selector::parseLabels("version in (v1, v2)").matches(reviews));
    CHECK_FALSE(Selector::parseLabels("version notin (v1,v2)").matches(reviews));
    CHECK(Selector::parseLabels("app").matches(reviews));
    CHECK(Selector::parseLabels("!tier").matches(reviews));
    CHECK_FALSE(Selector::parseLabels("!app").matches(reviews));
    CHECK(Selector::parseLabels("tier!=web").matches(reviews));  // absent keys satisfy !=
}

TEST_CASE("field selectors read object paths") {
    const Json object = pod({{"app", "reviews"}}, "Pending");
    CHECK(Selector::parseFields("metadata.name=reviews-v1-x").matches(object));
    CHECK(Selector::parseFields("metadata.namespace=default,status.phase=Pending").matches(object));
    CHECK_FALSE(Selector::parseFields("status.phase!=Pending").matches(object));
    CHECK_FALSE(Selector::parseFields("metadata.name=other").matches(object));
}

TEST_CASE("malformed selectors are 400 Bad Request") {
    CHECK_THROWS_AS(Selector::parseLabels("version in v1"), ApiError);
    CHECK_THROWS_AS(Selector::parseLabels("app=a,,b=c"), ApiError);
    CHECK_THROWS_AS(Selector::parseFields("metadata.name"), ApiError);
    try {
        Selector::parseLabels("=x");
        FAIL("expected an error");
    } catch (const ApiError& e) {
        CHECK(e.code() == 400);
    }
}
