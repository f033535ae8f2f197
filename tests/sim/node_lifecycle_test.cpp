// Nodes that go away (issue 19): a node whose kubelet stops turns Unknown,
// is tainted unreachable and its pods are evicted after tolerationSeconds on
// the model's clock; a deleted node's pods are collected; budgets follow the
// disruption controller's arithmetic.
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "simcluster/node_lifecycle_controller.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

const ResourceType& nodes() {
    return ResourceRegistry::byKind("Node");
}

Json node(BookinfoFixture& bookinfo, const std::string& name) {
    return *bookinfo.cluster().store().get(nodes(), "", name);
}

void stopKubelet(BookinfoFixture& bookinfo, const std::string& name, bool stopped) {
    Json object = node(bookinfo, name);
    if (stopped)
        object["metadata"]["annotations"]["meshlings.dev/kubelet"] = "stopped";
    else
        object["metadata"]["annotations"].erase("meshlings.dev/kubelet");
    bookinfo.cluster().store().update(nodes(), object);
    bookinfo.run(0);
}

std::vector<Json> podsOn(BookinfoFixture& bookinfo, const std::string& name) {
    std::vector<Json> out;
    for (const auto& pod : bookinfo.pods("", "")) {
        if (pod["spec"].value("nodeName", "") == name) out.push_back(pod);
    }
    return out;
}

std::string readyOf(const Json& object) {
    for (const auto& c : object["status"]["conditions"]) {
        if (c["type"] == "Ready") return c["status"];
    }
    return "";
}

bool hasCondition(const Json& pod, const std::string& reason) {
    for (const auto& c : pod["status"]["conditions"]) {
        if (c["type"] == "DisruptionTarget" && c.value("reason", "") == reason) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("pods get the DefaultTolerationSeconds tolerations (not-ready and unreachable, NoExecute, 300 s)") {
    BookinfoFixture bookinfo;
    const std::string old = bookinfo.pods("app=details").at(0)["metadata"]["name"];
    bookinfo.deletePod(old);
    bookinfo.run(3000);
    Json fresh;
    for (const auto& pod : bookinfo.pods("app=details")) {
        if (pod["metadata"]["name"] != old) fresh = pod;
    }
    int found = 0;
    for (const auto& t : fresh["spec"]["tolerations"]) {
        if (t["effect"] == "NoExecute" && t["operator"] == "Exists" && t["tolerationSeconds"] == 300) ++found;
    }
    CHECK(found == 2);
}

TEST_CASE("a node whose kubelet stops: Unknown after the grace period, tainted, its pods evicted after 300 s") {
    // Expected: the node lifecycle and taint eviction controllers. Observed before: the node stayed Ready for ever.
    BookinfoFixture bookinfo;
    const std::string worker = "meshlings-worker";
    const std::size_t before = podsOn(bookinfo, worker).size();
    REQUIRE(before > 0);
    stopKubelet(bookinfo, worker, true);
    bookinfo.run(NodeLifecycleController::kMonitorGracePeriod - 1000);
    CHECK(readyOf(node(bookinfo, worker)) == "True");
    bookinfo.run(2000);
    const Json down = node(bookinfo, worker);
    CHECK(readyOf(down) == "Unknown");
    int taints = 0;
    for (const auto& t : down["spec"]["taints"]) taints += t["key"] == "node.kubernetes.io/unreachable" ? 1 : 0;
    CHECK(taints == 2);
    for (const auto& pod : podsOn(bookinfo, worker)) {
        CHECK_FALSE(pod_builder::isReady(pod));
        CHECK_FALSE(pod_builder::isTerminating(pod));
    }
    bookinfo.run(297 * kSecond);  // the taint came at the grace period's end, 1 s ago
    for (const auto& pod : podsOn(bookinfo, worker)) CHECK_FALSE(pod_builder::isTerminating(pod));
    bookinfo.run(3 * kSecond);
    const auto evicted = podsOn(bookinfo, worker);
    for (const auto& pod : evicted) {
        // value(): a const json's operator[] on a missing key reads freed memory (TSan saw it).
        const bool staticPod =
            pod["metadata"].value("annotations", Json::object()).contains("kubernetes.io/config.mirror");
        if (staticPod) continue;
        CHECK(pod_builder::isTerminating(pod));  // the kubelet is down: they stay Terminating
        CHECK(hasCondition(pod, "DeletionByTaintManager"));
    }
    // The ReplicaSets replace them elsewhere: every Bookinfo pod that is not terminating is Ready on another node.
    bookinfo.run(60 * kSecond);
    CHECK(bookinfo.readyPods("app=productpage") == 1);
    CHECK(bookinfo.readyPods("app=reviews") == 3);
    for (const auto& pod : bookinfo.pods("app")) {
        if (!pod_builder::isTerminating(pod)) CHECK(pod["spec"].value("nodeName", "") != worker);
    }
    // The kubelet comes back: Ready, untainted, and the deletions it missed finish.
    stopKubelet(bookinfo, worker, false);
    bookinfo.run(10 * kSecond);
    CHECK(readyOf(node(bookinfo, worker)) == "True");
    CHECK_FALSE(node(bookinfo, worker)["spec"].contains("taints"));
    for (const auto& pod : podsOn(bookinfo, worker)) CHECK_FALSE(pod_builder::isTerminating(pod));
}

TEST_CASE("a deleted node's pods are collected and replaced on the other nodes") {
    // Expected: podgc force-deletes them after its quarantine. Observed before: they stayed Running.
    BookinfoFixture bookinfo;
    const std::string worker = "meshlings-worker2";
    REQUIRE_FALSE(podsOn(bookinfo, worker).empty());
    bookinfo.cluster().store().remove(nodes(), "", worker);
    bookinfo.run(NodeLifecycleController::kPodGcQuarantine + 1000);
    CHECK(podsOn(bookinfo, worker).empty());
    bookinfo.run(60 * kSecond);
    CHECK(bookinfo.readyPods("app=productpage") == 1);
    CHECK(bookinfo.readyPods("app=reviews") == 3);
    CHECK(bookinfo.readyPods("app=ratings") == 1);
    CHECK(bookinfo.readyPods("app=details") == 1);
}

TEST_CASE("tolerations: the shortest matching toleration wins; none means at once; no seconds means for ever") {
    const Json taint{{"key", "node.kubernetes.io/unreachable"}, {"effect", "NoExecute"}};
    CHECK(NodeLifecycleController::toleratedSeconds(Json{{"spec", Json::object()}}, taint) == 0);
    Json pod{{"spec", {{"tolerations", {{{"operator", "Exists"}, {"effect", "NoExecute"}}}}}}};
    CHECK(NodeLifecycleController::toleratedSeconds(pod, taint) == -1);
    pod["spec"]["tolerations"] = {{{"key", "node.kubernetes.io/unreachable"},
                                   {"operator", "Exists"},
                                   {"effect", "NoExecute"},
                                   {"tolerationSeconds", 6}}};
    CHECK(NodeLifecycleController::toleratedSeconds(pod, taint) == 6);
    pod["spec"]["tolerations"][0]["key"] = "other";
    CHECK(NodeLifecycleController::toleratedSeconds(pod, taint) == 0);
}

TEST_CASE("budget arithmetic: integer minAvailable counts pods, percentages round up against the controllers' scale") {
    BookinfoFixture bookinfo;
    bookinfo.scale("productpage-v1", 3);
    bookinfo.run(20 * kSecond);
    auto budget = [&](const char* name, Json spec) {
        spec["selector"] = {{"matchLabels", {{"app", "productpage"}}}};
        bookinfo.apply("PodDisruptionBudget",
                       {{"metadata", {{"name", name}, {"namespace", "default"}}}, {"spec", spec}});
        bookinfo.run(100);
        return (*bookinfo.cluster().store().get(ResourceRegistry::byKind("PodDisruptionBudget"), "default",
                                                name))["status"];
    };
    Json s = budget("a", {{"minAvailable", 2}});
    CHECK(s["expectedPods"] == 3);
    CHECK(s["desiredHealthy"] == 2);
    CHECK(s["disruptionsAllowed"] == 1);
    s = budget("b", {{"minAvailable", "50%"}});  // ceil(1.5) = 2
    CHECK(s["desiredHealthy"] == 2);
    s = budget("c", {{"maxUnavailable", "34%"}});  // ceil(1.02) = 2 unavailable: desired 1
    CHECK(s["desiredHealthy"] == 1);
    CHECK(s["disruptionsAllowed"] == 2);
    s = budget("d", {{"maxUnavailable", 0}});
    CHECK(s["disruptionsAllowed"] == 0);
    CHECK(s["conditions"][0]["reason"] == "InsufficientPods");
}
