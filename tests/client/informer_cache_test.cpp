// The informer's pieces that need no server: the cache applying watch events
// (each change once, duplicates dropped), its relist diff (Deleted with the
// last known state, Updated only for a new resourceVersion, Deleted then
// Added for a name reused by another uid), list pages that are not lists,
// and the event queue.
#include "client/informer_cache.hpp"

#include <doctest/doctest.h>

#include <thread>

#include "client/event_queue.hpp"
#include "client/list_pager.hpp"
#include "client/status_error.hpp"
#include "informer_probe.hpp"

using namespace meshlings::k8s;
using namespace meshlings::k8s::testing;
using std::chrono::milliseconds;

namespace {

Json pod(const std::string& name, const std::string& version, const std::string& uid = "") {
    Json meta = {{"name", name}, {"namespace", "default"}, {"resourceVersion", version}};
    if (!uid.empty()) meta["uid"] = uid;
    return Json{{"kind", "Pod"}, {"metadata", meta}};
}

}  // namespace

TEST_CASE("the cache turns watch events into Added, Updated, Deleted, once each") {
    InformerCache cache;
    CHECK(InformerCache::keyOf(pod("a", "1")) == "default/a");
    CHECK(InformerCache::keyOf(Json{{"metadata", {{"name", "node-1"}}}}) == "node-1");

    auto added = cache.apply(WatchEventType::Added, pod("a", "1"));
    REQUIRE(added);
    CHECK(added->kind == InformerEventKind::Added);
    CHECK(added->key == "default/a");
    CHECK_FALSE(cache.apply(WatchEventType::Added, pod("a", "1")));  // the same version again
    CHECK_FALSE(cache.apply(WatchEventType::Modified, pod("a", "1")));

    auto updated = cache.apply(WatchEventType::Modified, pod("a", "2"));
    REQUIRE(updated);
    CHECK(updated->kind == InformerEventKind::Updated);
    CHECK(InformerCache::resourceVersionOf(*updated->previous) == "1");
    CHECK(updated->resourceVersion == "2");

    // A MODIFIED for an object never seen is an Added for whoever reads the events.
    CHECK(cache.apply(WatchEventType::Modified, pod("b", "3"))->kind == InformerEventKind::Added);
    CHECK(cache.size() == 2);

    auto deleted = cache.apply(WatchEventType::Deleted, pod("a", "4"));
    REQUIRE(deleted);
    CHECK(deleted->kind == InformerEventKind::Deleted);
    CHECK(deleted->resourceVersion == "4");
    CHECK(InformerCache::resourceVersionOf(*deleted->previous) == "2");
    CHECK_FALSE(cache.apply(WatchEventType::Deleted, pod("a", "4")));
    CHECK(cache.get("default", "a") == nullptr);
    CHECK(cache.get("default/b") != nullptr);
    CHECK_THROWS_AS(cache.apply(WatchEventType::Added, Json{{"metadata", Json::object()}}), DecodeError);
    CHECK_THROWS_AS(cache.apply(WatchEventType::Added, Json("not an object")), DecodeError);
}

TEST_CASE("a relist emits the difference against the cache and nothing for unchanged objects") {
    InformerCache cache;
    auto first = cache.replace(Json::array({pod("a", "1", "u-a"), pod("b", "2", "u-b"), pod("c", "3", "u-c")}));
    CHECK(describe(first) == std::vector<std::string>{"Added default/a@1", "Added default/b@2", "Added default/c@3"});
    const ObjectPtr heldB = cache.get("default", "b");

    // During a gap: a went away, b is unchanged, c changed, d is new, and e
    // reuses a name with another uid (deleted and created again).
    cache.apply(WatchEventType::Added, pod("e", "4", "u-e1"));
    auto events = cache.replace(
        Json::array({pod("b", "2", "u-b"), pod("c", "7", "u-c"), pod("d", "8", "u-d"), pod("e", "9", "u-e2")}));
    CHECK(describe(events) == std::vector<std::string>{"Deleted default/a@1 (final state unknown)",
                                                       "Updated default/c@7", "Added default/d@8",
                                                       "Deleted default/e@4 (final state unknown)",
                                                       "Added default/e@9"});
    CHECK(cache.get("default", "b") == heldB);  // readers keep the instance they had
    CHECK(cache.keys() == std::vector<std::string>{"default/b", "default/c", "default/d", "default/e"});
    CHECK(cache.replace(Json::array({pod("b", "2"), pod("c", "7"), pod("d", "8"), pod("e", "9")})).empty());
}

TEST_CASE("a list with a nameless item or without an items array changes nothing and throws") {
    InformerCache cache;
    cache.replace(Json::array({pod("a", "1")}));
    CHECK_THROWS_AS(cache.replace(Json::array({pod("b", "2"), Json{{"metadata", {{"namespace", "default"}}}}})),
                    DecodeError);
    CHECK_THROWS_AS(cache.replace(Json::object()), DecodeError);
    CHECK(cache.keys() == std::vector<std::string>{"default/a"});

    ListResult result;
    CHECK_THROWS_AS(ListPager::readPage(Json::array(), result, "list pods"), DecodeError);
    CHECK_THROWS_AS(ListPager::readPage(Json{{"kind", "Status"}, {"metadata", Json::object()}}, result, "list pods"),
                    DecodeError);
    CHECK_THROWS_AS(ListPager::readPage(Json{{"items", "nope"}}, result, "list pods"), DecodeError);
    const Json page = {{"metadata", {{"resourceVersion", "12"}, {"continue", "tok"}}},
                       {"items", Json::array({pod("a", "1")})}};
    CHECK(ListPager::readPage(page, result, "list pods") == "tok");
    CHECK(ListPager::readPage(Json{{"items", nullptr}, {"metadata", {{"resourceVersion", "13"}}}}, result, "list pods")
              .empty());
    CHECK(result.items.size() == 1);
    CHECK(result.resourceVersion == "13");
    CHECK(result.pages == 2);
}

TEST_CASE("the event queue drains without blocking and wakes a waiter") {
    EventQueue queue;
    CHECK(queue.drain().empty());
    const auto started = std::chrono::steady_clock::now();
    CHECK(queue.waitFor(milliseconds(30)).empty());
    CHECK(std::chrono::steady_clock::now() - started >= milliseconds(30));

    std::thread producer([&] {
        std::this_thread::sleep_for(milliseconds(20));
        InformerEvent event;
        event.kind = InformerEventKind::Synced;
        queue.push(event);
        queue.push(std::vector<InformerEvent>{event, event});
    });
    std::vector<InformerEvent> got = queue.waitFor(milliseconds(5000));
    producer.join();
    for (auto& more : queue.drain()) got.push_back(std::move(more));
    CHECK(got.size() == 3);
    CHECK(queue.pushed() == 3);
    CHECK(queue.size() == 0);
}
