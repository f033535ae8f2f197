#include "simcluster/object_store.hpp"

#include <doctest/doctest.h>

#include "simcluster/api_error.hpp"

using namespace meshlings::sim;
using Json = nlohmann::json;

namespace {
const ResourceType& vsType() {
    return ResourceRegistry::byKind("VirtualService");
}
ObjectStore makeStore(std::size_t history = 10000) {
    auto counter = std::make_shared<int>(0);
    return ObjectStore([counter] { return "uid-" + std::to_string(++*counter); }, history);
}
Json vs(const std::string& name) {
    return {{"metadata", {{"name", name}, {"namespace", "default"}}}, {"spec", {{"hosts", {name}}}}};
}
}  // namespace

TEST_CASE("create, update and remove bump one global resourceVersion") {
    ObjectStore store = makeStore();
    const auto created = store.create(vsType(), vs("reviews"), 0);
    CHECK((*created)["kind"] == "VirtualService");
    CHECK((*created)["apiVersion"] == "networking.istio.io/v1");
    CHECK((*created)["metadata"]["uid"] == "uid-1");
    CHECK((*created)["metadata"]["generation"] == 1);
    const std::string firstVersion = (*created)["metadata"]["resourceVersion"];
    CHECK_THROWS_AS(store.create(vsType(), vs("reviews"), 0), ApiError);

    Json changed = *created;
    changed["spec"]["hosts"] = {"reviews", "reviews.default.svc.cluster.local"};
    const auto updated = store.update(vsType(), changed);
    CHECK((*updated)["metadata"]["generation"] == 2);
    CHECK(std::stoull((*updated)["metadata"]["resourceVersion"].get<std::string>()) > std::stoull(firstVersion));

    SUBCASE("a stale resourceVersion is a 409 Conflict") {
        Json stale = *updated;
        stale["metadata"]["resourceVersion"] = firstVersion;
        stale["spec"]["hosts"] = {"x"};
        try {
            store.update(vsType(), stale);
            FAIL("expected a conflict");
        } catch (const ApiError& e) {
            CHECK(e.code() == 409);
            CHECK(e.reason() == "Conflict");
        }
    }
    SUBCASE("an unchanged write keeps the version") {
        const auto same = store.update(vsType(), *updated);
        CHECK((*same)["metadata"]["resourceVersion"] == (*updated)["metadata"]["resourceVersion"]);
    }
    const auto removed = store.remove(vsType(), "default", "reviews");
    CHECK(store.get(vsType(), "default", "reviews") == nullptr);
    CHECK((*removed)["spec"]["hosts"].size() == 2);
}

TEST_CASE("objects are rejected when their shape is wrong") {
    ObjectStore store = makeStore();
    CHECK_THROWS_AS(store.create(vsType(), Json{{"metadata", "x"}}, 0), ApiError);
    CHECK_THROWS_AS(store.create(vsType(), Json{{"metadata", {{"name", "a"}, {"labels", {{"k", 1}}}}}}, 0), ApiError);
    CHECK_THROWS_AS(store.create(vsType(), Json{{"metadata", {{"name", "a"}}}, {"spec", 3}}, 0), ApiError);
    CHECK_THROWS_AS(store.create(vsType(), Json{{"metadata", {{"namespace", "default"}}}}, 0), ApiError);
}

TEST_CASE("watches replay history from a version and expire old ones") {
    ObjectStore store = makeStore(5);
    store.create(vsType(), vs("a"), 0);
    const std::uint64_t afterA = store.resourceVersion();
    store.create(vsType(), vs("b"), 0);

    SUBCASE("from a version: only later changes") {
        auto channel = store.watch({&vsType(), "default", {}, {}}, afterA);
        const auto events = channel->take(std::chrono::milliseconds(0));
        REQUIRE(events.size() == 1);
        CHECK((*events[0].object)["metadata"]["name"] == "b");
    }
    SUBCASE("from zero: a synthetic ADDED per object, then live changes in order") {
        auto channel = store.watch({&vsType(), "", {}, {}}, 0);
        store.remove(vsType(), "default", "a");
        const auto events = channel->take(std::chrono::milliseconds(0));
        REQUIRE(events.size() == 3);
        CHECK(events[0].type == EventType::Added);
        CHECK(events[1].type == EventType::Added);
        CHECK(events[2].type == EventType::Deleted);
        CHECK((*events[2].object)["metadata"]["name"] == "a");
    }
    SUBCASE("label and field filters apply") {
        auto channel = store.watch({&vsType(), "default", {}, Selector::parseFields("metadata.name=b")}, 0);
        CHECK(channel->take(std::chrono::milliseconds(0)).size() == 1);
    }
    SUBCASE("a version older than the kept history is 410 Expired") {
        for (int i = 0; i < 10; ++i) store.create(vsType(), vs("x" + std::to_string(i)), 0);
        try {
            store.watch({&vsType(), "", {}, {}}, afterA);
            FAIL("expected 410");
        } catch (const ApiError& e) {
            CHECK(e.code() == 410);
            CHECK(e.reason() == "Expired");
        }
    }
}

TEST_CASE("many watchers each see every change") {
    ObjectStore store = makeStore();
    std::vector<std::shared_ptr<WatchChannel>> channels;
    for (int i = 0; i < 5; ++i) channels.push_back(store.watch({&vsType(), "", {}, {}}, store.resourceVersion()));
    for (int i = 0; i < 20; ++i) store.create(vsType(), vs("v" + std::to_string(i)), 0);
    for (auto& channel : channels) {
        const auto events = channel->take(std::chrono::milliseconds(0));
        REQUIRE(events.size() == 20);
        for (std::size_t i = 1; i < events.size(); ++i)
            CHECK(events[i].resourceVersion > events[i - 1].resourceVersion);
    }
}
