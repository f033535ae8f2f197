// The resilience skills as world commands: each becomes one ClusterRequest
// for the service it names (or the selected pod's service, resolved and
// recorded by name when it applies), refused by the budget, bad values, an
// unknown service and the end of the level like the older actions; a refused
// call gives its budget back; each one records and replays.
#include <doctest/doctest.h>

#include "collecting_sink.hpp"
#include "world/model/world.hpp"
#include "world/replay/command_codec.hpp"
#include "world/replay/replay_text.hpp"
#include "world_steps.hpp"

using namespace meshlings::world;
using meshlings::world::test::CollectingSink;
using meshlings::world::test::readyPod;
using meshlings::world::test::stepWith;

namespace {

Level skillLevel() {
    Level level;
    level.id = "skills";
    level.budget.retries = 1;
    level.budget.timeouts = 1;
    level.budget.breakers = 1;
    level.budget.ejects = 0;
    return level;
}

}  // namespace

TEST_CASE("Skills: each names its service and settings in one request; the budget counts per skill") {
    CollectingSink sink;
    World world(skillLevel(), 1, sink);
    stepWith(world, {RequestRetry{"ratings", RetrySettings{4, 500, "5xx"}}, RequestTimeout{"reviews", {1200}},
                     RequestCircuitBreaker{"details", {2, 1}}});
    const auto requests = world.takeRequests();
    REQUIRE(requests.size() == 3);
    CHECK(requests[0].kind == ClusterRequestKind::SetRetries);
    CHECK(requests[0].service == "ratings");
    CHECK(requests[0].retry == RetrySettings{4, 500, "5xx"});
    CHECK(requests[1].kind == ClusterRequestKind::SetTimeout);
    CHECK(requests[1].timeout.timeoutMs == 1200);
    CHECK(requests[2].kind == ClusterRequestKind::SetConnectionPool);
    CHECK(requests[2].breaker == BreakerSettings{2, 1});
    CHECK(world.hud().budget.retries == 0);
    CHECK(world.hud().budget.timeouts == 0);
    CHECK(world.hud().budget.breakers == 0);
    CHECK(world.hud().budget.ejects == 0);

    stepWith(world, {RequestRetry{"reviews", {}}, RequestEject{"reviews", {}}});
    CHECK(world.takeRequests().empty());
    CHECK(sink.hasMessage("no retries left in the budget"));
    CHECK(sink.hasMessage("no ejects left in the budget"));

    stepWith(world, {ApiResult{requests[0].id, ApiOutcome::Refused, "the webhook said no"}});
    CHECK(world.hud().budget.retries == 1);  // a refused call gives its budget back
    CHECK(sink.hasMessage("retry ratings: 4 attempts on 5xx refused: the webhook said no"));
}

TEST_CASE("Skills: bad values and unknown services are refused without a call") {
    CollectingSink sink;
    World world(Level{}, 1, sink);
    stepWith(world, {RequestRetry{"ratings", RetrySettings{0, 100, "5xx"}}});
    CHECK(sink.hasMessage("attempts must be 1..10"));
    stepWith(world, {RequestRetry{"ratings", RetrySettings{2, 100, "5xx,sometimes"}}});
    CHECK(sink.hasMessage("retryOn: unknown condition \"sometimes\""));
    stepWith(world, {RequestTimeout{"ratings", TimeoutSettings{0}}});
    CHECK(sink.hasMessage("timeout (ms) must be 1..600000"));
    stepWith(world, {RequestCircuitBreaker{"ratings", BreakerSettings{0, 1}}});
    CHECK(sink.hasMessage("maxConnections must be"));
    stepWith(world, {RequestEject{"kube-dns", EjectSettings{}}});
    CHECK(sink.hasMessage("no service named kube-dns"));
    CHECK(world.takeRequests().empty());
}

TEST_CASE("Skills: an empty service is the selected pod's, recorded by name; nothing selected drops it") {
    NullEffectSink sink;
    World world(Level{}, 1, sink);
    std::vector<std::string> recorded;
    world.setCommandListener([&](Tick, const Command& c) { recorded.push_back(CommandCodec::encode(c)); });
    stepWith(world, {RequestEject{"", EjectSettings{2, 20}}});
    CHECK(world.takeRequests().empty());
    CHECK(recorded.empty());
    stepWith(world, {PodUpserted{readyPod("reviews-v3-a", "reviews-v3")}, SelectPod{"reviews-v3-a"}});
    stepWith(world, {RequestEject{"", EjectSettings{2, 20}}});
    const auto requests = world.takeRequests();
    REQUIRE(requests.size() == 1);
    CHECK(requests[0].service == "reviews");
    CHECK(recorded.back() == "eject reviews 2 20");
}

TEST_CASE("Skills: refused once the level is over, as every action is") {
    CollectingSink sink;
    Level level;
    level.timeLimitSeconds = 1;
    level.objectives.push_back(Objective{});
    World world(level, 1, sink);
    stepWith(world, {ConnectionChanged{ConnectionState::Connected, "", ""}});
    while (!world.rules().ended()) world.step();
    stepWith(world, {RequestTimeout{"reviews", {}}});
    CHECK(world.takeRequests().empty());
    CHECK(sink.hasMessage("the level is over"));
}

TEST_CASE("Skills: replay lines decode with their values and refuse bad numbers") {
    std::string error;
    const auto words = ReplayText::split("retry ratings 3 0 5xx,reset", error);
    REQUIRE(words);
    const auto back = CommandCodec::decode(*words, error);
    REQUIRE(back);
    CHECK(*back == Command{RequestRetry{"ratings", RetrySettings{3, 0, "5xx,reset"}}});
    error.clear();
    CHECK_FALSE(CommandCodec::decode({"breaker", "details", "two", "1"}, error));
    CHECK(error.find("maxConnections") != std::string::npos);
    error.clear();
    CHECK_FALSE(CommandCodec::decode({"timeout", "details"}, error));
    CHECK(error == "timeout takes 2 arguments, got 1");
}
