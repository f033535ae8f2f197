// Pods fail as on a real node (issue 19): an image the cluster does not know
// fails to pull (ErrImagePull, then ImagePullBackOff, retried after the
// kubelet's back-off), a rollout to it stalls with the old pods serving and
// recovers when the template goes back; a container that exits (the
// meshlings.dev/exit-code annotation) is restarted with RESTARTS,
// lastState.terminated and CrashLoopBackOff, 10 s doubling to 5 min.
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"
#include "simcluster/container_runtime.hpp"
#include "simcluster/image_catalog.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

const Json* statusOf(const Json& pod, const std::string& container) {
    return pod_builder::containerStatusOf(pod, container);
}

std::string waiting(const Json& pod, const std::string& container) {
    const Json* s = statusOf(pod, container);
    if (s == nullptr || !(*s)["state"].contains("waiting")) return "";
    return (*s)["state"]["waiting"].value("reason", "");
}

std::vector<std::string> eventMessages(BookinfoFixture& bookinfo, const std::string& pod, const std::string& reason) {
    std::vector<std::string> out;
    for (const auto& e : bookinfo.cluster().store().list(ResourceRegistry::byKind("Event"), "default")) {
        if ((*e)["involvedObject"]["name"] == pod && (*e)["reason"] == reason) out.push_back((*e)["message"]);
    }
    return out;
}

Json barePod(const std::string& name, const std::string& image, const Json& annotations) {
    return {{"metadata", {{"name", name}, {"labels", {{"app", "crashy"}}}, {"annotations", annotations}}},
            {"spec", {{"containers", {{{"name", "app"}, {"image", image}}}}}}};
}

Json podNamed(BookinfoFixture& bookinfo, const std::string& name) {
    return *bookinfo.cluster().store().get(ResourceRegistry::byKind("Pod"), "default", name);
}

}  // namespace

TEST_CASE("image references compare as the runtime resolves them") {
    CHECK(ImageCatalog::normalise("istio/proxyv2:1.24.2") == "docker.io/istio/proxyv2:1.24.2");
    CHECK(ImageCatalog::normalise("nginx") == "docker.io/library/nginx:latest");
    CHECK(ImageCatalog::normalise("index.docker.io/library/nginx:1") == "docker.io/library/nginx:1");
    CHECK(ImageCatalog::normalise("localhost:5000/app") == "localhost:5000/app:latest");
    CHECK(ImageCatalog::normalise("registry.k8s.io/pause:3.10") == "registry.k8s.io/pause:3.10");
    ImageCatalog catalog;
    catalog.learn("istio/examples-bookinfo-reviews-v3:1.20.3");
    CHECK(catalog.knows("docker.io/istio/examples-bookinfo-reviews-v3:1.20.3"));
    CHECK_FALSE(catalog.knows("docker.io/istio/examples-bookinfo-reviews-v3:nope"));
    CHECK(catalog.knows("nginx:1.27", "busybox, nginx:1.27"));
    CHECK_FALSE(catalog.knows("nginx", "nginx:1.27"));
}

TEST_CASE("the kubelet's back-off: 10 s doubling, at most 5 min") {
    CHECK(ContainerRuntime::backOff(0) == 0);
    CHECK(ContainerRuntime::backOff(1) == 10000);
    CHECK(ContainerRuntime::backOff(2) == 20000);
    CHECK(ContainerRuntime::backOff(5) == 160000);
    CHECK(ContainerRuntime::backOff(6) == 300000);
    CHECK(ContainerRuntime::backOff(60) == 300000);
}

TEST_CASE("set image to a tag that does not exist: ErrImagePull, ImagePullBackOff, a stalled rollout, undo") {
    // Expected: the new pod waits ErrImagePull then ImagePullBackOff, retried after 10, 20, 40 s; the old pod
    // keeps serving. Observed before: the new pod ran the missing image and the rollout completed.
    BookinfoFixture bookinfo;
    const auto& deployments = ResourceRegistry::byKind("Deployment");
    Json d = *bookinfo.cluster().store().get(deployments, "default", "reviews-v3");
    const std::string good = d["spec"]["template"]["spec"]["containers"][0]["image"];
    d["spec"]["template"]["spec"]["containers"][0]["image"] = "docker.io/istio/examples-bookinfo-reviews-v3:nope";
    bookinfo.cluster().store().update(deployments, d);
    bookinfo.run(0);

    std::string fresh;
    std::vector<Millis> pullTimes;  // when the container went (back) to ErrImagePull
    std::string last;
    bool sawBackOff = false;
    for (Millis at = 0; at < 80000; at += 100) {
        bookinfo.run(100);
        for (const auto& pod : bookinfo.pods("app=reviews,version=v3")) {
            if (pod_builder::isTerminating(pod) || pod["status"].value("phase", "") == "Running") continue;
            fresh = pod["metadata"]["name"];
            const std::string reason = waiting(pod, "reviews");
            if (reason == "ErrImagePull" && last != reason) pullTimes.push_back(bookinfo.cluster().now());
            if (reason == "ImagePullBackOff") {
                sawBackOff = true;
                CHECK((*statusOf(pod, "reviews"))["state"]["waiting"]["message"] ==
                      "Back-off pulling image \"docker.io/istio/examples-bookinfo-reviews-v3:nope\"");
                CHECK(pod["status"]["phase"] == "Pending");
                CHECK_FALSE(pod_builder::isReady(pod));
            }
            last = reason;
        }
        CHECK(bookinfo.readyPods("app=reviews,version=v3") >= 1);  // the old pod stays, as maxUnavailable allows
    }
    REQUIRE_FALSE(fresh.empty());
    CHECK(sawBackOff);
    REQUIRE(pullTimes.size() >= 4);
    for (std::size_t i = 1; i < 4; ++i) {
        const Millis gap = pullTimes[i] - pullTimes[i - 1];
        CHECK(gap >= ContainerRuntime::backOff(static_cast<int>(i)));
        CHECK(gap <= ContainerRuntime::backOff(static_cast<int>(i)) + 1200);
    }
    const auto failed = eventMessages(bookinfo, fresh, "Failed");
    CHECK(std::count(failed.begin(), failed.end(), "Error: ErrImagePull") >= 1);
    CHECK(std::count(failed.begin(), failed.end(), "Error: ImagePullBackOff") >= 1);
    CHECK(std::any_of(failed.begin(), failed.end(), [](const std::string& m) {
        return m.rfind("Failed to pull image \"docker.io/istio/examples-bookinfo-reviews-v3:nope\": ", 0) == 0;
    }));
    CHECK(eventMessages(bookinfo, fresh, "BackOff").size() >= 1);
    CHECK(eventMessages(bookinfo, fresh, "Started").empty() == false);  // the sidecar started

    // Back to the old template (what `rollout undo` does): the broken pod goes, one Ready pod is left.
    d = *bookinfo.cluster().store().get(deployments, "default", "reviews-v3");
    d["spec"]["template"]["spec"]["containers"][0]["image"] = good;
    bookinfo.cluster().store().update(deployments, d);
    bookinfo.run(40000);
    const auto pods = bookinfo.pods("app=reviews,version=v3");
    REQUIRE(pods.size() == 1);
    CHECK(pod_builder::isReady(pods[0]));
    CHECK(pods[0]["metadata"]["name"] != fresh);
}

TEST_CASE("an image declared in meshlings.dev/images pulls; an unknown one leaves the pod Pending") {
    BookinfoFixture bookinfo;
    bookinfo.apply("Pod", barePod("declared", "nginx:1.27", {{"meshlings.dev/images", "nginx:1.27"}}));
    bookinfo.apply("Pod", barePod("unknown", "nginx:1.27", Json::object()));
    bookinfo.run(5000);
    CHECK(podNamed(bookinfo, "declared")["status"]["phase"] == "Running");
    CHECK(pod_builder::isReady(podNamed(bookinfo, "declared")));
    CHECK(podNamed(bookinfo, "unknown")["status"]["phase"] == "Pending");
    CHECK(waiting(podNamed(bookinfo, "unknown"), "app") == "ImagePullBackOff");
}

TEST_CASE("a container that exits crash-loops: RESTARTS, lastState.terminated, CrashLoopBackOff doubling") {
    // Expected: restarts after 0, 10, 20, 40 s of back-off, each exit recorded in lastState; Observed before: the
    // annotation did nothing and the pod ran for ever.
    BookinfoFixture bookinfo;
    bookinfo.apply("Pod", barePod("crashy", "istio/examples-bookinfo-ratings-v1:1.20.3",
                                  {{"meshlings.dev/exit-code", "3"}, {"meshlings.dev/exit-after-seconds", "2"}}));
    std::vector<Millis> restarts;
    std::int64_t seen = 0;
    bool sawLoop = false, sawExited = false;
    for (Millis at = 0; at < 120000; at += 100) {
        bookinfo.run(100);
        const Json pod = podNamed(bookinfo, "crashy");
        if (statusOf(pod, "app") == nullptr) continue;  // not created yet
        const Json& s = *statusOf(pod, "app");
        if (s.value("restartCount", 0) != seen) {
            seen = s["restartCount"];
            restarts.push_back(bookinfo.cluster().now());
            CHECK(s["lastState"]["terminated"]["exitCode"] == 3);
            CHECK(s["lastState"]["terminated"]["reason"] == "Error");
        }
        if (s["state"].contains("terminated")) sawExited = true;
        if (waiting(pod, "app") == "CrashLoopBackOff") {
            sawLoop = true;
            CHECK(pod["status"]["phase"] == "Running");
            CHECK_FALSE(pod_builder::isReady(pod));
            const std::string message = s["state"]["waiting"]["message"];
            CHECK(message.rfind("back-off ", 0) == 0);
            CHECK(message.find("restarting failed container=app pod=crashy_default(") != std::string::npos);
        }
    }
    CHECK(sawExited);
    CHECK(sawLoop);
    REQUIRE(restarts.size() >= 4);
    for (std::size_t i = 1; i < 4; ++i) {
        const Millis gap = restarts[i] - restarts[i - 1] - 2000;  // minus the 2 s run
        CHECK(gap >= ContainerRuntime::backOff(static_cast<int>(i)));
        CHECK(gap <= ContainerRuntime::backOff(static_cast<int>(i)) + 1700);
    }
    const auto backOffs = eventMessages(bookinfo, "crashy", "BackOff");
    REQUIRE_FALSE(backOffs.empty());
    CHECK(backOffs[0].rfind("Back-off restarting failed container app in pod crashy_default(", 0) == 0);
}
