// Informers against the built-in cluster served in-process: the first sync
// holds Bookinfo, a deleted pod goes Terminating then away while its
// replacement appears, other resources work the same, nothing is relisted in
// steady state, stop() is prompt in a watch and in a backoff, and with an
// injected clock and random source the backoff waits are exact.
#include "client/informer.hpp"

#include <doctest/doctest.h>

#include <set>

#include "client/core_calls.hpp"
#include "cluster_fixture.hpp"
#include "fake_clock.hpp"
#include "informer_probe.hpp"

using namespace meshlings::k8s;
using namespace meshlings::k8s::testing;
using std::chrono::milliseconds;
namespace ja = meshlings::json_access;

namespace {

std::string podOf(const InformerCache& cache, const std::string& app) {
    for (const auto& pod : cache.snapshot()) {
        if (ja::text(ja::object(ja::object(*pod, "metadata"), "labels"), "app") == app) {
            return ja::text(ja::object(*pod, "metadata"), "name");
        }
    }
    return "";
}

bool terminating(const InformerEvent& event) {
    return event.object && ja::field(ja::object(*event.object, "metadata"), "deletionTimestamp").is_string();
}

meshlings::sim::FaultRule failList(int status, int times) {
    meshlings::sim::FaultRule rule;
    rule.method = "GET";
    rule.path = "/api/v1/namespaces/default/pods";
    rule.status = status;
    rule.times = times;
    return rule;
}

}  // namespace

TEST_CASE("an informer's first sync holds every Bookinfo pod, each one Added before Synced") {
    ClusterFixture fixture;
    auto client = fixture.client();
    Informer informer(client, quickPodOptions());
    CHECK_FALSE(informer.synced());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    CHECK(informer.synced());
    CHECK(informer.cache().size() == 6);
    REQUIRE(log.all().size() >= 7);
    for (std::size_t i = 0; i < 6; ++i) CHECK(log.all()[i].kind == InformerEventKind::Added);
    CHECK(log.all()[6].kind == InformerEventKind::Synced);
    CHECK(log.all()[6].resourceVersion == informer.lastResourceVersion());

    std::set<std::string> apps;
    for (const auto& pod : informer.cache().snapshot()) {
        CHECK(ja::text(ja::object(*pod, "metadata"), "namespace") == "default");
        apps.insert(ja::text(ja::object(ja::object(*pod, "metadata"), "labels"), "app"));
    }
    CHECK(apps == std::set<std::string>{"details", "productpage", "ratings", "reviews"});
    const std::string name = podOf(informer.cache(), "ratings");
    REQUIRE(informer.cache().get("default", name));
    CHECK(informer.cache().get("default", "no-such-pod") == nullptr);
}

TEST_CASE("a deleted pod shows Terminating, then goes from queue and cache, and its replacement is Added") {
    ClusterFixture fixture;
    auto client = fixture.client();
    auto informerClient = fixture.client();
    Informer informer(informerClient, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    const std::string name = podOf(informer.cache(), "details");
    REQUIRE_FALSE(name.empty());
    const std::string key = "default/" + name;

    DeleteOptions graceful;
    graceful.gracePeriodSeconds = 1;
    deletePod(client, name, graceful);
    const bool gone = log.waitUntil([&](const auto&) {
        const auto events = log.forKey(key);
        return !events.empty() && events.back().kind == InformerEventKind::Deleted;
    });
    REQUIRE(gone);
    const auto events = log.forKey(key);
    CHECK(events.front().kind == InformerEventKind::Added);
    REQUIRE(events.size() >= 3);
    CHECK(events[1].kind == InformerEventKind::Updated);
    CHECK(terminating(events[1]));
    REQUIRE(events[1].previous);
    CHECK_FALSE(ja::field(ja::object(*events[1].previous, "metadata"), "deletionTimestamp").is_string());
    CHECK(std::count_if(events.begin(), events.end(),
                        [](const auto& e) { return e.kind == InformerEventKind::Deleted; }) == 1);
    CHECK(informer.cache().get(key) == nullptr);

    // The replacement: a new details pod, Added once.
    const bool replaced = log.waitUntil([&](const auto& all) {
        return std::any_of(all.begin() + 7, all.end(), [&](const InformerEvent& e) {
            return e.kind == InformerEventKind::Added && e.key != key && e.key.find("default/details-") == 0;
        });
    });
    CHECK(replaced);
    const std::string replacement = podOf(informer.cache(), "details");
    CHECK(!replacement.empty());
    CHECK(replacement != name);
    CHECK(informer.cache().size() == 6);
    CHECK(log.forKey("default/" + replacement).front().kind == InformerEventKind::Added);

    // Steady state: one list, no relist, no failure.
    CHECK(informer.stats().lists == 1);
    CHECK(informer.stats().relists == 0);
    CHECK(informer.stats().failures == 0);
    CHECK(informerClient.counts().lists == 1);
    CHECK(log.count(InformerEventKind::Disconnected) == 0);
}

TEST_CASE("an informer serves any resource: deployments scaled through the API arrive as Updated") {
    ClusterFixture fixture;
    auto client = fixture.client();
    auto informerClient = fixture.client();
    InformerOptions options = quickPodOptions();
    options.resource = kDeployments;
    Informer informer(informerClient, options);
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    CHECK(informer.cache().size() == 6);
    REQUIRE(informer.cache().get("default", "ratings-v1"));

    scaleDeployment(client, "ratings-v1", 2);
    const bool scaled = log.waitUntil([&](const auto&) {
        for (const auto& event : log.forKey("default/ratings-v1")) {
            if (event.kind == InformerEventKind::Updated &&
                ja::integer(ja::object(*event.object, "spec"), "replicas", 0) == 2) {
                return true;
            }
        }
        return false;
    });
    CHECK(scaled);
    const auto cached = informer.cache().get("default", "ratings-v1");
    CHECK(ja::integer(ja::object(*cached, "spec"), "replicas", 0) == 2);
}

TEST_CASE("stop() returns promptly from an open watch and from a long backoff") {
    ClusterFixture fixture;
    auto client = fixture.client();
    {
        Informer informer(client, quickPodOptions());
        informer.start();
        EventLog log(informer.events());
        REQUIRE(log.waitFor(InformerEventKind::Synced));
        std::this_thread::sleep_for(milliseconds(50));  // the watch is open
        const auto started = std::chrono::steady_clock::now();
        informer.stop();
        // libcurl looks at the cancel flag of an idle transfer about once a second.
        CHECK(std::chrono::steady_clock::now() - started < milliseconds(1500));
        CHECK_FALSE(informer.running());
    }
    fixture.server().faults().add(failList(503, -1));
    InformerOptions slow = quickPodOptions();
    slow.backoff.initial = std::chrono::seconds(20);
    slow.backoff.cap = std::chrono::seconds(30);
    Informer informer(client, slow);
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Disconnected));
    const auto event = log.ofKind(InformerEventKind::Disconnected).front();
    CHECK(event.retryIn == std::chrono::seconds(20));
    CHECK(event.message.find("list pods in default") == 0);
    const auto started = std::chrono::steady_clock::now();
    informer.stop();
    CHECK(std::chrono::steady_clock::now() - started < milliseconds(500));
    // The destructor of a stopped informer has nothing left to wait for.
}

TEST_CASE("with an injected clock and random source the backoff waits are exact, and the informer recovers") {
    ClusterFixture fixture;
    auto client = fixture.client();
    fixture.server().faults().add(failList(503, 4));
    auto clock = std::make_shared<FakeClock>();
    InformerOptions options;
    options.resource = kPods;
    options.nameSpace = "default";
    options.clock = clock;
    options.random = [] { return 0.5; };
    Informer informer(client, options);
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    informer.stop();

    const std::vector<milliseconds> expected{milliseconds(1200), milliseconds(2400), milliseconds(4800),
                                             milliseconds(9600)};
    CHECK(clock->sleeps() == expected);
    const auto failures = log.ofKind(InformerEventKind::Disconnected);
    REQUIRE(failures.size() == 4);
    for (std::size_t i = 0; i < failures.size(); ++i) {
        CHECK(failures[i].retryIn == expected[i]);
        CHECK(failures[i].message.find("list pods in default: ") == 0);
    }
    CHECK(log.count(InformerEventKind::Reconnected) == 1);
    CHECK(informer.stats().lists == 5);
    CHECK(informer.cache().size() == 6);
}
