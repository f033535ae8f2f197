// Issue 17, case 8e: the built-in cluster forgets what a real one forgets,
// on the model's clock, so a long session's memory levels off: watch history
// older than etcd's compaction interval (5 minutes) and Events older than
// kube-apiserver's --event-ttl (1 hour).
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "simcluster/api_error.hpp"
#include "simcluster/event_recorder.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;

namespace {

std::string firstPod(BookinfoFixture& bookinfo, const std::string& selector) {
    return bookinfo.pods(selector).at(0)["metadata"]["name"];
}

bool watchExpired(BookinfoFixture& bookinfo, std::uint64_t fromVersion) {
    try {
        bookinfo.cluster().store().watch({&ResourceRegistry::byKind("Pod"), "", {}, {}}, fromVersion);
        return false;
    } catch (const ApiError& e) {
        return e.code() == 410;
    }
}

std::vector<std::string> eventsAbout(BookinfoFixture& bookinfo, const std::string& pod) {
    std::vector<std::string> names;
    for (const auto& event : bookinfo.cluster().store().list(ResourceRegistry::byKind("Event"), "default")) {
        if ((*event)["involvedObject"].value("name", "") == pod) names.push_back((*event)["metadata"]["name"]);
    }
    return names;
}

}  // namespace

TEST_CASE("the watch history keeps the last 5 minutes of changes, as etcd compacted every 5 minutes") {
    BookinfoFixture bookinfo;
    bookinfo.run(60 * kSecond);
    const std::uint64_t start = bookinfo.cluster().store().resourceVersion();
    bookinfo.deletePod(firstPod(bookinfo, "app=details"));
    bookinfo.run(60 * kSecond);
    CHECK_FALSE(watchExpired(bookinfo, start));  // a minute old: still kept

    bookinfo.run(6 * 60 * kSecond);
    const std::uint64_t recent = bookinfo.cluster().store().resourceVersion();
    bookinfo.deletePod(firstPod(bookinfo, "app=ratings"));
    bookinfo.run(30 * kSecond);
    CHECK(watchExpired(bookinfo, start));  // 8 minutes old: compacted away
    CHECK_FALSE(watchExpired(bookinfo, recent));
}

TEST_CASE("Events expire an hour after they were recorded, as kube-apiserver's --event-ttl") {
    BookinfoFixture bookinfo;
    bookinfo.run(60 * kSecond);
    const std::string first = firstPod(bookinfo, "app=details");
    bookinfo.deletePod(first);
    bookinfo.run(30 * kSecond);
    REQUIRE_FALSE(eventsAbout(bookinfo, first).empty());

    bookinfo.run(50 * 60 * kSecond);
    const std::string second = firstPod(bookinfo, "app=ratings");
    bookinfo.deletePod(second);
    bookinfo.run(30 * kSecond);
    CHECK_FALSE(eventsAbout(bookinfo, first).empty());  // 51 minutes old: kept

    bookinfo.run(15 * 60 * kSecond);
    const std::string third = firstPod(bookinfo, "app=productpage");
    bookinfo.deletePod(third);
    bookinfo.run(30 * kSecond);
    CHECK(eventsAbout(bookinfo, first).empty());  // 66 minutes old: expired
    CHECK_FALSE(eventsAbout(bookinfo, second).empty());
    CHECK_FALSE(eventsAbout(bookinfo, third).empty());
}

TEST_CASE("a chaos session's Events stop at 1,000, the oldest going first, well before their hour is up") {
    BookinfoFixture bookinfo;
    bookinfo.run(60 * kSecond);
    const std::string first = firstPod(bookinfo, "app=details");
    bookinfo.deletePod(first);
    bookinfo.run(5 * kSecond);
    REQUIRE_FALSE(eventsAbout(bookinfo, first).empty());
    // A delete every 5 s for 15 minutes of model time: far more than 1,000 Events, none an hour old.
    for (int i = 0; i < 180; ++i) {
        bookinfo.deletePod(firstPod(bookinfo, i % 2 == 0 ? "app=ratings" : "app=productpage"));
        bookinfo.run(5 * kSecond);
    }
    const auto events = bookinfo.cluster().store().list(ResourceRegistry::byKind("Event"), "");
    CHECK(events.size() <= EventRecorder::kMaxEvents);
    CHECK(events.size() >= EventRecorder::kMaxEvents - 50);  // full: the cap, not the hour, decided
    CHECK(eventsAbout(bookinfo, first).empty());             // the oldest went first
}
