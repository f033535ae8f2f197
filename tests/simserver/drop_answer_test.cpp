// The dropAnswer fault (issue 17 case 4): the request is applied as usual and
// then its answer is lost, the connection closing before the body; the
// injector keeps what reached the server so tests can count it.
#include <doctest/doctest.h>

#include "server_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::kPods;
using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

TEST_CASE("dropAnswer: the write is applied, its answer never arrives whole, and it is counted once") {
    ServerFixture fixture;
    auto& api = fixture.api();
    const auto pods = api.Get(kPods);
    REQUIRE(pods);
    const std::string name = Json::parse(pods->body)["items"][0]["metadata"]["name"];
    const std::string path = std::string(kPods) + "/" + name;

    fixture.server().faults().add(FaultRule::fromJson(Json::parse(R"({"method":"DELETE","dropAnswer":true})")));
    CHECK(fixture.server().faults().rules().at(0).toJson() ==
          Json::parse(R"({"method":"DELETE","dropAnswer":true,"times":1})"));
    const auto lost = api.Delete(path);
    CHECK_FALSE(lost);  // no complete answer
    CHECK(fixture.server().faults().count("DELETE", "/pods/" + name) == 1);

    const auto after = api.Get(path);
    REQUIRE(after);
    // Applied: gone, or Terminating with a deletionTimestamp.
    CHECK((after->status == 404 || Json::parse(after->body)["metadata"].contains("deletionTimestamp")));
    CHECK(fixture.server().faults().rules().empty());

    CHECK_THROWS_AS(FaultRule::fromJson(Json::parse(R"({"dropAnswer":true,"status":500})")), ApiError);
    // A watch never matches a dropAnswer rule.
    CHECK_FALSE(FaultRule::fromJson(Json::parse(R"({"dropAnswer":true})")).matches("GET", kPods, true));
}
