// Deployments roll as kube-controller-manager rolls them (issue 19):
// RollingUpdate within maxSurge / maxUnavailable counted in ready pods,
// Recreate, minReadySeconds, and pods without a readinessProbe Ready once
// they run while the mesh sends them nothing until their app answers.
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "simcluster/rollout_math.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

const ResourceType& deployments() {
    return ResourceRegistry::byKind("Deployment");
}

Json deploymentOf(BookinfoFixture& bookinfo, const std::string& name) {
    return *bookinfo.cluster().store().get(deployments(), "default", name);
}

// A change of the pod template, as `kubectl rollout restart` makes it.
void restart(BookinfoFixture& bookinfo, const std::string& name, const std::string& at) {
    Json d = deploymentOf(bookinfo, name);
    d["spec"]["template"]["metadata"]["annotations"]["kubectl.kubernetes.io/restartedAt"] = at;
    bookinfo.cluster().store().update(deployments(), d);
    bookinfo.run(0);
}

void setStrategy(BookinfoFixture& bookinfo, const std::string& name, int replicas, const Json& strategy) {
    Json d = deploymentOf(bookinfo, name);
    d["spec"]["replicas"] = replicas;
    d["spec"]["strategy"] = strategy;
    bookinfo.cluster().store().update(deployments(), d);
    bookinfo.run(30000);
}

struct Extremes {
    std::size_t minReady = 1000, maxPods = 0;
    bool overlapped = false;  // pods of two templates ran at once
};

// Steps until the rollout is complete (or the limit), noting the fewest ready and the most live pods.
Extremes watch(BookinfoFixture& bookinfo, const std::string& selector, const std::string& name, Millis limit) {
    Extremes e;
    for (Millis at = 0; at <= limit; at += 20) {
        std::size_t live = 0;
        std::set<std::string> hashes;
        for (const auto& pod : bookinfo.pods(selector)) {
            if (pod_builder::isTerminating(pod)) {
                hashes.insert(pod["metadata"]["labels"]["pod-template-hash"]);
                continue;
            }
            ++live;
            hashes.insert(pod["metadata"]["labels"]["pod-template-hash"]);
        }
        e.minReady = std::min(e.minReady, bookinfo.readyPods(selector));
        e.maxPods = std::max(e.maxPods, live);
        e.overlapped = e.overlapped || hashes.size() > 1;
        bookinfo.run(20);
        const Json status = deploymentOf(bookinfo, name)["status"];
        if (at > 1000 && status.value("updatedReplicas", 0) == deploymentOf(bookinfo, name)["spec"]["replicas"] &&
            status.value("replicas", 0) == status.value("updatedReplicas", 0) &&
            status.value("availableReplicas", 0) == status.value("replicas", 0) &&
            bookinfo.pods(selector).size() == static_cast<std::size_t>(status.value("replicas", 0)))
            break;
    }
    return e;
}

}  // namespace

TEST_CASE("maxSurge rounds up, maxUnavailable rounds down, and both 0 leaves one unavailable") {
    CHECK(rollout_math::scaledValue("25%", 5, true, 0) == 2);
    CHECK(rollout_math::scaledValue("25%", 5, false, 0) == 1);
    CHECK(rollout_math::scaledValue(3, 5, false, 0) == 3);
    CHECK(rollout_math::scaledValue("x%", 5, false, 7) == 7);
    Json d{{"spec",
            {{"replicas", 1}, {"strategy", {{"rollingUpdate", {{"maxSurge", "25%"}, {"maxUnavailable", "25%"}}}}}}}};
    CHECK(rollout_math::fenceposts(d).surge == 1);
    CHECK(rollout_math::fenceposts(d).unavailable == 0);
    d["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = "0%";
    CHECK(rollout_math::fenceposts(d).unavailable == 1);
    d["spec"]["strategy"] = {{"type", "Recreate"}};
    CHECK(rollout_math::maxUnavailable(d) == 0);
}

TEST_CASE("a rolling update with maxUnavailable 0 never has fewer ready pods than replicas") {
    // Expected: 2 ready throughout, at most 3 pods. Observed before: both old pods killed at once.
    BookinfoFixture bookinfo;
    setStrategy(bookinfo, "details-v1", 2,
                {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", 1}, {"maxUnavailable", 0}}}});
    REQUIRE(bookinfo.readyPods("app=details") == 2);
    restart(bookinfo, "details-v1", "2026-01-01T00:01:00Z");
    const Extremes e = watch(bookinfo, "app=details", "details-v1", 60000);
    CHECK(e.minReady == 2);
    CHECK(e.maxPods == 3);
    CHECK(e.overlapped);
    CHECK(bookinfo.readyPods("app=details") == 2);
}

TEST_CASE("the default 25 % / 25 % rolls four pods with three ready and five at most") {
    BookinfoFixture bookinfo;
    setStrategy(bookinfo, "ratings-v1", 4, {{"type", "RollingUpdate"}});  // defaults: 25 % and 25 %
    REQUIRE(bookinfo.readyPods("app=ratings") == 4);
    restart(bookinfo, "ratings-v1", "2026-01-01T00:01:00Z");
    const Extremes e = watch(bookinfo, "app=ratings", "ratings-v1", 60000);
    CHECK(e.minReady >= 3);
    CHECK(e.maxPods == 5);
    const Json d = deploymentOf(bookinfo, "ratings-v1");
    CHECK(d["status"]["updatedReplicas"] == 4);
    CHECK(d["status"]["availableReplicas"] == 4);
}

TEST_CASE("Recreate stops every old pod before a new one starts") {
    BookinfoFixture bookinfo;
    setStrategy(bookinfo, "details-v1", 2, {{"type", "Recreate"}});
    restart(bookinfo, "details-v1", "2026-01-01T00:01:00Z");
    const Extremes e = watch(bookinfo, "app=details", "details-v1", 60000);
    CHECK_FALSE(e.overlapped);
    CHECK(e.minReady == 0);
    CHECK(bookinfo.readyPods("app=details") == 2);
}

TEST_CASE("minReadySeconds holds availability back and with it the rollout") {
    BookinfoFixture bookinfo;
    Json d = deploymentOf(bookinfo, "details-v1");
    d["spec"]["minReadySeconds"] = 10;
    d["spec"]["strategy"] = {{"type", "RollingUpdate"}, {"rollingUpdate", {{"maxSurge", 1}, {"maxUnavailable", 0}}}};
    bookinfo.cluster().store().update(deployments(), d);  // a new template too: minReadySeconds is in the spec only
    bookinfo.run(0);
    restart(bookinfo, "details-v1", "2026-01-01T00:01:00Z");
    bookinfo.run(6000);  // the new pod is Ready, not yet available: the old one stays
    CHECK(bookinfo.pods("app=details").size() == 2);
    CHECK(bookinfo.readyPods("app=details") == 2);
    bookinfo.run(20000);
    CHECK(bookinfo.pods("app=details").size() == 1);
    CHECK(deploymentOf(bookinfo, "details-v1")["status"]["availableReplicas"] == 1);
}

TEST_CASE("a pod without a readinessProbe is Ready once it runs, and gets requests once its app answers") {
    BookinfoFixture bookinfo;
    Json d = deploymentOf(bookinfo, "details-v1");
    d["metadata"]["annotations"]["meshlings.dev/startup-seconds"] = "8";
    bookinfo.cluster().store().update(deployments(), d);
    bookinfo.deletePod(bookinfo.pods("app=details").at(0)["metadata"]["name"]);
    bookinfo.run(4000);
    const auto pods = bookinfo.pods("app=details");
    std::size_t ready = 0;
    for (const auto& pod : pods) ready += pod_builder::isReady(pod) ? 1 : 0;
    CHECK(ready == 1);                                 // Ready within seconds, as a real kubelet says
    CHECK_FALSE(bookinfo.traffic(1).at(0).detailsOk);  // the app is still starting
    bookinfo.run(10000);
    CHECK(bookinfo.traffic(1).at(0).detailsOk);
}
