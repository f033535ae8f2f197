// DestinationRule loadBalancer in the built-in mesh picks hosts as Envoy's
// balancers do: ROUND_ROBIN in turn, RANDOM uniformly, LEAST_REQUEST (the
// default) away from hosts with requests in flight, consistentHash on the
// end-user header to one host per user; all deterministic for a seed.
#include <doctest/doctest.h>

#include <array>
#include <set>

#include "bookinfo_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

Json balancing(Json loadBalancer) {
    return {{"metadata", {{"name", "reviews"}}},
            {"spec", {{"host", "reviews"}, {"trafficPolicy", {{"loadBalancer", std::move(loadBalancer)}}}}}};
}

// Pages served by reviews v1, v2, v3.
std::array<int, 4> byVersion(const std::vector<PageOutcome>& outcomes) {
    std::array<int, 4> n{};
    for (const auto& o : outcomes) ++n[static_cast<std::size_t>(o.reviewsVersion)];
    return n;
}

void slowDown(BookinfoFixture& bookinfo, const char* deployment, const char* ms) {
    const auto& type = ResourceRegistry::byKind("Deployment");
    Json object = *bookinfo.cluster().store().get(type, "default", deployment);
    object["metadata"]["annotations"]["meshlings.dev/latency-ms"] = ms;
    bookinfo.cluster().store().update(type, object);
    bookinfo.run(0);
}

}  // namespace

TEST_CASE("ROUND_ROBIN takes the three reviews pods in turn") {
    BookinfoFixture bookinfo(31);
    REQUIRE(bookinfo.readyPods("app=reviews") == 3);
    bookinfo.apply("DestinationRule", balancing({{"simple", "ROUND_ROBIN"}}));
    const auto outcomes = bookinfo.traffic(300);
    CHECK(byVersion(outcomes) == std::array<int, 4>{0, 100, 100, 100});
    for (std::size_t i = 0; i + 2 < outcomes.size(); i += 3) {
        const std::set<int> versions{outcomes[i].reviewsVersion, outcomes[i + 1].reviewsVersion,
                                     outcomes[i + 2].reviewsVersion};
        CHECK(versions.size() == 3);
    }
}

TEST_CASE("RANDOM spreads evenly and the same seed gives the same picks") {
    BookinfoFixture a(32), b(32);
    a.apply("DestinationRule", balancing({{"simple", "RANDOM"}}));
    b.apply("DestinationRule", balancing({{"simple", "RANDOM"}}));
    const auto first = a.traffic(3000), second = b.traffic(3000);
    for (std::size_t i = 0; i < first.size(); ++i) REQUIRE(first[i].reviewsVersion == second[i].reviewsVersion);
    for (const int n : {byVersion(first)[1], byVersion(first)[2], byVersion(first)[3]}) {
        CHECK(n > 900);
        CHECK(n < 1100);
    }
}

TEST_CASE("consistentHash on end-user sends each user to one pod, and users to several") {
    BookinfoFixture bookinfo(33);
    bookinfo.apply("DestinationRule", balancing({{"consistentHash", {{"httpHeaderName", "end-user"}}}}));
    std::set<int> seen;
    for (int user = 0; user < 30; ++user) {
        RequestAttributes request;
        request.endUser = "user-" + std::to_string(user);
        const auto versions = byVersion(bookinfo.traffic(20, 10, request));
        int used = 0;
        for (int v = 1; v <= 3; ++v) {
            used += versions[static_cast<std::size_t>(v)] > 0 ? 1 : 0;
            if (versions[static_cast<std::size_t>(v)] > 0) seen.insert(v);
        }
        CHECK(used == 1);
    }
    CHECK(seen.size() == 3);
    // No end-user header: no hash, a random pod each time.
    const auto anonymous = byVersion(bookinfo.traffic(300));
    CHECK(anonymous[1] > 50);
    CHECK(anonymous[3] > 50);
}

TEST_CASE("LEAST_REQUEST, the default, sends less to a slow pod with requests piling up; RANDOM does not") {
    auto v3Share = [](const Json* loadBalancer) {
        BookinfoFixture bookinfo(34);
        slowDown(bookinfo, "reviews-v3", "400");
        if (loadBalancer != nullptr) bookinfo.apply("DestinationRule", balancing(*loadBalancer));
        const auto versions = byVersion(bookinfo.traffic(3000, 5));  // 200 pages/s: v3 holds about 2 at once
        return static_cast<double>(versions[3]) / (versions[1] + versions[2] + versions[3]);
    };
    const double leastRequest = v3Share(nullptr);
    const Json random = {{"simple", "RANDOM"}};
    const double uniform = v3Share(&random);
    CHECK(uniform > 0.30);
    CHECK(uniform < 0.37);
    CHECK(leastRequest < 0.2);
}
