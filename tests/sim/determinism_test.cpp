// Same seed, same clock, same actions -> the same cluster and the same traffic.
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;

namespace {

// A short chaos session: traffic, a pod kill, a scale-up, more traffic.
std::string session(std::uint64_t seed) {
    BookinfoFixture bookinfo(seed);
    std::string trace;
    auto note = [&](const std::vector<PageOutcome>& outcomes) {
        for (const auto& o : outcomes) {
            trace += std::to_string(o.status) + ":" + std::to_string(o.reviewsVersion) + ":" +
                     std::to_string(static_cast<long long>(o.latencyMs * 1000)) + ":" +
                     bookinfo.cluster().mesh().podName(o.reviewsEndpoint) + "\n";
        }
    };
    note(bookinfo.traffic(200));
    bookinfo.deletePod(bookinfo.pods("app=reviews,version=v2").at(0)["metadata"]["name"]);
    note(bookinfo.traffic(300));
    bookinfo.scale("ratings-v1", 2);
    note(bookinfo.traffic(1500));
    for (const auto& type : ResourceRegistry::all()) {
        for (const auto& object : bookinfo.cluster().store().list(type, "")) trace += object->dump() + "\n";
    }
    return trace;
}

}  // namespace

TEST_CASE("a seeded session replays exactly") {
    const std::string first = session(7);
    const std::string second = session(7);
    CHECK(first.size() > 10000);
    CHECK(first == second);
}

TEST_CASE("another seed gives another cluster") {
    BookinfoFixture a(1);
    BookinfoFixture b(2);
    CHECK(a.pods("app=details").at(0)["metadata"]["name"] != b.pods("app=details").at(0)["metadata"]["name"]);
}
