// Informers under the built-in server's injected faults: a watch cut mid-way
// is resumed from the last resourceVersion with no event lost or repeated
// (checked against an undisturbed watch); a resourceVersion that fell out of
// the server's history, or a 410 answer, leads to one relist whose diff
// leaves the cache equal to a fresh list; a restarted API server and bad
// answers (malformed, truncated, 429, 5xx) are reported, waited out and
// recovered from without a relist.
#include <doctest/doctest.h>

#include <mutex>

#include "client/core_calls.hpp"
#include "client/informer.hpp"
#include "cluster_fixture.hpp"
#include "informer_probe.hpp"

using namespace meshlings::k8s;
using namespace meshlings::k8s::testing;
using meshlings::sim::FaultRule;
using std::chrono::milliseconds;
namespace ja = meshlings::json_access;

namespace {

const std::string kDefaultPods = "/api/v1/namespaces/default/pods";
// The same pods by a path the fault rules below do not match.
const std::string kDefaultPodsElsewhere = "/api/v1/pods?fieldSelector=metadata.namespace%3Ddefault";

FaultRule onPods(int times) {
    FaultRule rule;
    rule.method = "GET";
    rule.path = kDefaultPods;
    rule.times = times;
    return rule;
}

FaultRule cutWatch(int afterEvents, int times) {
    FaultRule rule = onPods(times);
    rule.closeWatchAfterEvents = afterEvents;
    return rule;
}

FaultRule answer(int status, int times) {
    FaultRule rule = onPods(times);
    rule.status = status;
    return rule;
}

std::uint64_t number(const std::string& version) {
    return version.empty() ? 0 : std::stoull(version);
}

std::string podOf(KubeClient& client, const std::string& app) {
    ListOptions options;
    options.labelSelector = "app=" + app;
    return ja::text(ja::object(ja::array(listPods(client, options), "items").at(0), "metadata"), "name");
}

void deleteNow(KubeClient& client, const std::string& name, int grace) {
    DeleteOptions options;
    options.gracePeriodSeconds = grace;
    deletePod(client, name, options);
}

// Per object, the resourceVersions of its events, in order. A deletion found
// by a relist carries the last state seen, so it repeats the version before
// it; it is left out here and checked by lastStateRepeated().
using Versions = std::map<std::string, std::vector<std::uint64_t>>;

Versions versionsAfter(const EventLog& log, std::uint64_t after, std::uint64_t upTo) {
    Versions out;
    for (const auto& event : log.all()) {
        const auto version = number(event.resourceVersion);
        if (event.isObjectEvent() && !event.finalStateUnknown && version > after && version <= upTo) {
            out[event.key].push_back(version);
        }
    }
    return out;
}

// Each Deleted with finalStateUnknown holds the state of the event before it.
bool lastStateRepeated(const EventLog& log) {
    std::map<std::string, std::string> last;
    for (const auto& event : log.all()) {
        if (!event.isObjectEvent()) continue;
        if (event.finalStateUnknown && last[event.key] != event.resourceVersion) return false;
        last[event.key] = event.resourceVersion;
    }
    return true;
}

bool strictlyIncreasing(const Versions& versions) {
    for (const auto& [key, list] : versions) {
        for (std::size_t i = 1; i < list.size(); ++i) {
            if (list[i] <= list[i - 1]) return false;
        }
    }
    return true;
}

std::size_t deletions(const EventLog& log, const std::string& key) {
    std::size_t n = 0;
    for (const auto& event : log.forKey(key)) n += event.kind == InformerEventKind::Deleted ? 1 : 0;
    return n;
}

// A plain watch of every namespace's pods, undisturbed by the faults on the
// informer's path: what the informer should have seen.
class ReferenceWatch {
public:
    ReferenceWatch(ClusterFixture& fixture, const std::string& fromVersion) : m_client(fixture.client()) {
        WatchOptions options;
        options.resourceVersion = fromVersion;
        options.allowBookmarks = false;
        const std::string path = kPods.collection("") + options.toQuery();
        m_thread = std::thread([this, path] {
            try {
                m_client.watch(
                    path, [this](WatchEvent&& event) { return record(event); }, m_cancel);
            } catch (const std::exception&) {  // cancelled
            }
        });
    }
    ~ReferenceWatch() {
        m_cancel.cancel();
        m_thread.join();
    }
    Versions versions(std::uint64_t after, std::uint64_t upTo) const {
        std::lock_guard lock(m_mutex);
        Versions out;
        for (const auto& [key, version] : m_seen) {
            if (version > after && version <= upTo) out[key].push_back(version);
        }
        return out;
    }

private:
    bool record(const WatchEvent& event) {
        if (ja::text(ja::object(event.object, "metadata"), "namespace") != "default") return true;
        std::lock_guard lock(m_mutex);
        m_seen.emplace_back(InformerCache::keyOf(event.object), number(InformerCache::resourceVersionOf(event.object)));
        return true;
    }

    KubeClient m_client;
    CancelFlag m_cancel;
    mutable std::mutex m_mutex;
    std::vector<std::pair<std::string, std::uint64_t>> m_seen;
    std::thread m_thread;
};

}  // namespace

TEST_CASE("a watch cut mid-way is resumed from the last resourceVersion: nothing lost, nothing twice, no relist") {
    ClusterFixture fixture;
    auto client = fixture.client();
    auto informerClient = fixture.client();
    const std::string start = ja::text(ja::object(client.list(kDefaultPods), "metadata"), "resourceVersion");
    ReferenceWatch reference(fixture, start);
    fixture.server().faults().add(cutWatch(2, 3));
    Informer informer(informerClient, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    const auto synced = number(log.ofKind(InformerEventKind::Synced).front().resourceVersion);

    deleteNow(client, podOf(client, "ratings"), 0);
    deleteNow(client, podOf(client, "details"), 0);
    REQUIRE(convergesWith(informer.cache(), client, kDefaultPods, bookinfoSettled, std::chrono::seconds(15)));
    log.collect();
    CHECK(fixture.server().faults().rules().empty());  // all three cuts happened

    std::uint64_t last = 0;
    for (const auto& event : log.all()) last = std::max(last, number(event.resourceVersion));
    const Versions seen = versionsAfter(log, synced, last);
    CHECK(seen.size() >= 4);  // two pods gone, two new
    CHECK(strictlyIncreasing(seen));
    const bool same =
        log.waitUntil([&](const auto&) { return reference.versions(synced, last) == seen; }, std::chrono::seconds(3));
    CHECK(same);

    CHECK(log.count(InformerEventKind::Disconnected) == 3);
    CHECK(log.count(InformerEventKind::Reconnected) == 3);
    REQUIRE(log.count(InformerEventKind::Disconnected) > 0);
    CHECK(log.ofKind(InformerEventKind::Disconnected)
              .front()
              .message.find("watch pods in default from resourceVersion ") == 0);
    CHECK(informer.stats().lists == 1);
    CHECK(informer.stats().relists == 0);
    CHECK(informer.stats().watches >= 4);
}

TEST_CASE(
    "a resourceVersion gone from the server's history (ERROR 410 in the stream) leads to one relist and a correct "
    "diff") {
    auto options = ClusterFixture::defaults();
    options.watchHistory = 10;
    ClusterFixture fixture(options);
    auto client = fixture.client();
    auto informerClient = fixture.client();
    fixture.server().faults().add(cutWatch(1, 1));
    Informer informer(informerClient, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    const std::vector<std::string> victims{podOf(client, "ratings"), podOf(client, "details")};
    // From now on the informer cannot watch (nor list) until the faults are cleared.
    fixture.server().faults().add(answer(503, -1));
    for (const auto& name : victims) deleteNow(client, name, 0);
    REQUIRE(log.waitFor(InformerEventKind::Disconnected, 2));
    // Wait until the replacements are up and the history has moved well past the informer.
    CHECK(listSatisfies(
        client, kDefaultPodsElsewhere,
        [&](const Json& list) {
            return bookinfoSettled(list) && number(ja::text(ja::object(list, "metadata"), "resourceVersion")) >
                                                number(informer.lastResourceVersion()) + 20;
        },
        std::chrono::seconds(15)));
    const std::string stuckAt = informer.lastResourceVersion();
    fixture.server().faults().clear();

    REQUIRE(log.waitFor(InformerEventKind::Relisted));
    const auto relisted = log.ofKind(InformerEventKind::Relisted).front();
    CHECK(relisted.message.find("resourceVersion=\"" + stuckAt + "\" asked") != std::string::npos);
    REQUIRE(convergesWith(informer.cache(), client, kDefaultPods, bookinfoSettled, std::chrono::seconds(10)));
    log.collect();
    for (const auto& name : victims) {
        CHECK(deletions(log, "default/" + name) == 1);
        CHECK(informer.cache().get("default", name) == nullptr);
    }
    for (const auto& key : informer.cache().keys()) {
        const auto events = log.forKey(key);
        REQUIRE_FALSE(events.empty());
        CHECK(events.front().kind == InformerEventKind::Added);
        CHECK(std::count_if(events.begin(), events.end(),
                            [](const auto& e) { return e.kind == InformerEventKind::Added; }) == 1);
    }
    CHECK(strictlyIncreasing(versionsAfter(log, 0, ~0ULL)));
    CHECK(lastStateRepeated(log));
    CHECK(log.ofKind(InformerEventKind::Deleted).size() >= 2);
    CHECK(informer.stats().relists == 1);
    // Two LISTs succeeded (the first and the relist); a LIST that failed on
    // the way (under load in CI: the relist's first try) was retried and is
    // counted too, each with its Disconnected notice naming the list step.
    const auto disconnects = log.ofKind(InformerEventKind::Disconnected);
    const auto failedLists = std::count_if(disconnects.begin(), disconnects.end(),
                                           [](const auto& e) { return e.message.starts_with("list "); });
    CHECK(informer.stats().lists == 2 + failedLists);
}

TEST_CASE("a 410 answer to the watch relists from the last resourceVersion, and from \"\" when that is gone too") {
    ClusterFixture fixture;
    auto client = fixture.client();
    auto informerClient = fixture.client();
    fixture.server().faults().add(cutWatch(1, 1));
    Informer informer(informerClient, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    const std::string victim = podOf(client, "ratings");
    fixture.server().faults().add(answer(410, 2));  // the watch, then the relist from the last version
    deleteNow(client, victim, 0);
    REQUIRE(log.waitFor(InformerEventKind::Relisted));
    CHECK(log.ofKind(InformerEventKind::Relisted).front().message.find("resourceVersion=\"\" asked") !=
          std::string::npos);
    CHECK(informer.stats().lists == 3);
    CHECK(informer.stats().relists == 1);
    CHECK(log.count(InformerEventKind::Disconnected) == 1);  // the cut; a 410 is no failure
    REQUIRE(convergesWith(informer.cache(), client, kDefaultPods, bookinfoSettled, std::chrono::seconds(10)));
    log.collect();
    CHECK(deletions(log, "default/" + victim) == 1);
    CHECK(strictlyIncreasing(versionsAfter(log, 0, ~0ULL)));
    CHECK(informer.stats().lists == 3);
}

TEST_CASE("after the API server restarts the informer reconnects and converges without a relist") {
    ClusterFixture fixture;
    auto client = fixture.client();
    auto informerClient = fixture.client();
    Informer informer(informerClient, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    // A change seen through the watch proves it open before the restart cuts it.
    const std::string first = podOf(client, "ratings");
    deleteNow(client, first, 1);
    REQUIRE(log.waitFor(InformerEventKind::Updated));

    fixture.server().restartApi();
    REQUIRE(log.waitFor(InformerEventKind::Disconnected));
    auto other = fixture.client();  // a fresh connection: the old one may answer once more and close
    const std::string second = podOf(other, "details");
    deleteNow(other, second, 0);
    REQUIRE(log.waitFor(InformerEventKind::Reconnected));
    REQUIRE(convergesWith(informer.cache(), other, kDefaultPods, bookinfoSettled, std::chrono::seconds(15)));
    log.collect();
    CHECK(deletions(log, "default/" + first) == 1);
    CHECK(deletions(log, "default/" + second) == 1);
    CHECK(strictlyIncreasing(versionsAfter(log, 0, ~0ULL)));
    CHECK(informer.stats().relists == 0);
    CHECK(log.ofKind(InformerEventKind::Disconnected).front().message.find("watch pods in default") == 0);
}

TEST_CASE("a malformed and then a truncated list are reported, waited out, and the informer syncs") {
    ClusterFixture fixture;
    auto client = fixture.client();
    FaultRule malformed = onPods(1);
    malformed.malformedBody = true;
    FaultRule truncated = onPods(1);
    truncated.truncatedBody = true;
    fixture.server().faults().add({malformed, truncated});
    Informer informer(client, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    const auto failures = log.ofKind(InformerEventKind::Disconnected);
    REQUIRE(failures.size() == 2);
    CHECK(failures[0].message.find("list pods in default: ") == 0);
    CHECK(failures[1].message.find("list pods in default: ") == 0);
    CHECK(failures[0].retryIn == milliseconds(20));
    CHECK(failures[1].retryIn == milliseconds(40));
    CHECK(log.all().front().kind == InformerEventKind::Disconnected);
    CHECK(log.count(InformerEventKind::Reconnected) == 1);
    CHECK(log.count(InformerEventKind::Added) == 6);
    CHECK(informer.cache().size() == 6);
    CHECK(informer.stats().lists == 3);
}

TEST_CASE(
    "a watch answered with 429, 500 and a malformed body is resumed each time from the last version, never relisted") {
    ClusterFixture fixture;
    auto client = fixture.client();
    auto informerClient = fixture.client();
    fixture.server().faults().add(cutWatch(1, 1));
    Informer informer(informerClient, quickPodOptions());
    informer.start();
    EventLog log(informer.events());
    REQUIRE(log.waitFor(InformerEventKind::Synced));
    FaultRule garbage = onPods(1);
    garbage.malformedBody = true;
    const std::string victim = podOf(client, "ratings");
    fixture.server().faults().add({answer(429, 1), answer(500, 1), garbage});
    deleteNow(client, victim, 0);
    REQUIRE(log.waitFor(InformerEventKind::Disconnected, 4));
    REQUIRE(convergesWith(informer.cache(), client, kDefaultPods, bookinfoSettled, std::chrono::seconds(15)));
    log.collect();
    const auto failures = log.ofKind(InformerEventKind::Disconnected);
    CHECK(failures.size() == 4);
    for (const auto& failure : failures)
        CHECK(failure.message.find("watch pods in default from resourceVersion ") == 0);
    CHECK(informer.stats().lists == 1);
    CHECK(deletions(log, "default/" + victim) == 1);
    CHECK(strictlyIncreasing(versionsAfter(log, 0, ~0ULL)));
}
