// The reflector's manners, checked request by request against a scripted
// API server: client-go's LIST and WATCH parameters, continue pages, resuming
// from the last resourceVersion (bookmarks included) after a clean end, the
// very short watch counted as a failure, the 410 relist sequence (last
// version, then ""), and bad input of every kind reported and recovered from.
#include <doctest/doctest.h>

#include "client/informer.hpp"
#include "informer_probe.hpp"
#include "scripted_api.hpp"

using namespace meshlings::k8s;
using namespace meshlings::k8s::testing;
using std::chrono::milliseconds;
using Api = ScriptedApi;

namespace {

KubeClient clientFor(const ScriptedApi& api) {
    ClientOptions options;
    options.qps = -1;
    return KubeClient(api.config(), options);
}

InformerOptions scripted() {
    InformerOptions options = quickPodOptions();
    options.random = [] { return 0.5; };
    return options;
}

bool requestsReach(const ScriptedApi& api, std::size_t count) {
    for (int i = 0; i < 500; ++i) {
        if (api.requests().size() >= count) return true;
        std::this_thread::sleep_for(milliseconds(10));
    }
    return false;
}

}  // namespace

TEST_CASE(
    "the reflector lists in pages from version 0, then watches from the list's version with bookmarks and a random "
    "timeout") {
    ScriptedApi api;
    api.list({200, Api::podList(7, {Api::pod("a", 3)}, "token-1")});
    api.list({200, Api::podList(7, {Api::pod("b", 4)})});
    auto client = clientFor(api);
    Informer informer(client, scripted());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    REQUIRE(requestsReach(api, 3));
    const auto requests = api.requests();
    CHECK(requests[0] == "list limit=500&resourceVersion=0");
    CHECK(requests[1] == "list continue=token-1&limit=500");
    CHECK(requests[2] == "watch allowWatchBookmarks=true&resourceVersion=7&timeoutSeconds=450&watch=true");
    CHECK(describe(log.all()) == std::vector<std::string>{"Added default/a@3", "Added default/b@4", "Synced"});
    CHECK(log.all().back().resourceVersion == "7");
    CHECK(informer.cache().keys() == std::vector<std::string>{"default/a", "default/b"});
}

TEST_CASE(
    "a watch that ends cleanly is resumed from the last version seen, bookmarks included; one that ends at once empty "
    "is a failure") {
    ScriptedApi api;
    api.watch({200, Api::event("MODIFIED", Api::pod("a", 12))});
    api.watch({200, Api::bookmark(15)});
    api.watch({200, ""});
    auto client = clientFor(api);
    Informer informer(client, scripted());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(requestsReach(api, 5));
    REQUIRE(log.waitFor(InformerEventKind::Disconnected));
    const auto requests = api.requests();
    CHECK(requests[1].find("resourceVersion=10&") != std::string::npos);
    CHECK(requests[2].find("resourceVersion=12&") != std::string::npos);
    CHECK(requests[3].find("resourceVersion=15&") != std::string::npos);
    CHECK(requests[4].find("resourceVersion=15&") != std::string::npos);
    CHECK(describe(log.all()) == std::vector<std::string>{"Added default/a@5", "Added default/b@6", "Synced",
                                                          "Updated default/a@12", "Disconnected"});
    const auto failure = log.ofKind(InformerEventKind::Disconnected).front();
    CHECK(failure.message.find("watch pods in default from resourceVersion 15: very short watch") == 0);
    CHECK(failure.retryIn == milliseconds(20));
    CHECK(informer.stats().lists == 1);
    CHECK(informer.stats().failures == 1);
    CHECK(informer.lastResourceVersion() == "15");
}

TEST_CASE("an ERROR 410 in the stream relists from the last version, then from \"\", and emits the difference") {
    ScriptedApi api;
    api.list({200, Api::podList(10, {Api::pod("a", 5), Api::pod("b", 6)})});
    api.list({410, Api::status(410, "Expired", "too old resource version: 11 (15)")});
    api.list({200, Api::podList(20, {Api::pod("a", 5), Api::pod("c", 18), Api::pod("d", 19)})});
    api.watch({200, Api::event("ADDED", Api::pod("c", 11)) +
                        Api::event("ERROR", Api::status(410, "Expired", "too old resource version: 11 (15)"))});
    auto client = clientFor(api);
    Informer informer(client, scripted());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Relisted));
    REQUIRE(requestsReach(api, 5));
    const auto requests = api.requests();
    CHECK(requests[0] == "list limit=500&resourceVersion=0");
    CHECK(requests[1].find("watch allowWatchBookmarks=true&resourceVersion=10&") == 0);
    CHECK(requests[2] == "list limit=500&resourceVersion=11");
    CHECK(requests[3] == "list limit=500");
    CHECK(requests[4].find("watch allowWatchBookmarks=true&resourceVersion=20&") == 0);
    CHECK(describe(log.all()) == std::vector<std::string>{"Added default/a@5", "Added default/b@6", "Synced",
                                                          "Added default/c@11",
                                                          "Deleted default/b@6 (final state unknown)",
                                                          "Updated default/c@18", "Added default/d@19", "Relisted"});
    CHECK(log.all().back().resourceVersion == "20");
    CHECK(informer.stats().relists == 1);
    CHECK(informer.stats().failures == 0);
}

TEST_CASE("a 410 answer to a watch relists; a 410 straight after a list is waited out first") {
    ScriptedApi api;
    api.watch({200, Api::event("MODIFIED", Api::pod("a", 11))});
    api.watch({410, Api::status(410, "Expired", "too old resource version")});
    api.watch({410, Api::status(410, "Gone", "too old resource version")});
    auto client = clientFor(api);
    Informer informer(client, scripted());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Relisted, 2));
    REQUIRE(requestsReach(api, 7));
    const auto requests = api.requests();
    CHECK(requests[3] == "list limit=500&resourceVersion=11");
    CHECK(requests[5] == "list limit=500&resourceVersion=10");
    CHECK(requests[6].find("watch ") == 0);
    const auto failures = log.ofKind(InformerEventKind::Disconnected);
    REQUIRE(failures.size() == 1);  // the second 410 came before any event of its watch
    CHECK(failures[0].message.find("expired right after a list") != std::string::npos);
    CHECK(informer.stats().relists == 2);
}

TEST_CASE("lists and watches with bad input are reported by step, waited out, and recovered from without a relist") {
    ScriptedApi api;
    api.list({200, R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success"})"});
    api.list({200, Api::podList(10, {Api::pod("a", 5), R"({"metadata":{"namespace":"default"}})"})});
    api.list({200, "[1,2,3]"});
    api.list({200, R"({"kind":"PodList","items":[)"});
    api.watch({200, Api::event("ADDED", R"({"kind":"Pod","metadata":{"namespace":"default"}})")});
    api.watch({200, "this is not json\n"});
    api.watch({200, Api::event("ERROR", Api::status(500, "InternalError", "etcd is sad"))});
    api.watch({503, Api::status(503, "ServiceUnavailable", "try later")});
    api.watch({200, Api::event("ADDED", Api::pod("c", 11))});
    auto client = clientFor(api);
    InformerOptions options = scripted();
    options.backoff.initial = milliseconds(5);
    options.backoff.cap = milliseconds(40);
    Informer informer(client, options);
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitUntil([](const auto& all) { return !all.empty() && all.back().key == "default/c"; }));
    const auto failures = log.ofKind(InformerEventKind::Disconnected);
    REQUIRE(failures.size() == 8);
    for (int i = 0; i < 4; ++i) CHECK(failures[i].message.find("list pods in default: ") == 0);
    CHECK(failures[0].message.find("not a list") != std::string::npos);
    CHECK(failures[1].message.find("no metadata.name") != std::string::npos);
    for (int i = 4; i < 8; ++i) CHECK(failures[i].message.find("watch pods in default from resourceVersion 10: ") == 0);
    CHECK(failures[4].message.find("no metadata.name") != std::string::npos);
    CHECK(failures[6].message.find("ERROR event 500 InternalError: etcd is sad") != std::string::npos);
    CHECK(failures[7].message.find("try later") != std::string::npos);
    std::vector<long> waits;
    for (const auto& failure : failures) waits.push_back(static_cast<long>(failure.retryIn.count()));
    CHECK(waits == std::vector<long>{5, 10, 20, 40, 40, 40, 40, 40});
    CHECK(log.count(InformerEventKind::Reconnected) == 2);  // by the list, then by the watch's event
    CHECK(informer.stats().lists == 5);
    CHECK(informer.stats().relists == 0);
    CHECK(informer.cache().keys() == std::vector<std::string>{"default/a", "default/b", "default/c"});
}

TEST_CASE("a refused connection is retried with a growing backoff until the server is there") {
    RestConfig config;
    {
        ScriptedApi gone;  // a port that was free a moment ago, and is closed now
        config = gone.config();
    }
    const int port = std::stoi(config.server.substr(config.server.rfind(':') + 1));
    ClientOptions clientOptions;
    clientOptions.qps = -1;
    KubeClient client(config, clientOptions);
    Informer informer(client, scripted());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Disconnected, 3));
    ScriptedApi api(port);
    REQUIRE(api.port() == port);
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    const auto failures = log.ofKind(InformerEventKind::Disconnected);
    CHECK(failures[0].message.find("list pods in default: ") == 0);
    CHECK(failures[0].message.find("connect") != std::string::npos);
    CHECK(failures[0].retryIn == milliseconds(20));
    CHECK(failures[1].retryIn == milliseconds(40));
    CHECK(failures[2].retryIn == milliseconds(80));
    CHECK(log.count(InformerEventKind::Reconnected) == 1);
    CHECK(informer.cache().size() == 2);
}
