// The built-in cluster behaves like Kubernetes where a player can tell:
// Bookinfo as bookinfo.yaml deploys it, graceful deletion, replacement pods
// that go Pending -> ContainerCreating -> Running -> Ready, scaling.
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

struct Timeline {
    Millis pending = -1, scheduled = -1, creating = -1, running = -1, sidecarOnly = -1, ready = -1;
};

// Steps the model in 50 ms and notes when the newest pod matching `selector` reaches each stage.
Timeline follow(BookinfoFixture& bookinfo, const std::string& selector, const std::string& oldName, Millis limit) {
    Timeline t;
    for (Millis at = 0; at <= limit; at += 50) {
        for (const auto& pod : bookinfo.pods(selector)) {
            if (pod["metadata"]["name"] == oldName) continue;
            const auto& status = pod["status"];
            if (t.pending < 0 && status.value("phase", "") == "Pending") t.pending = at;
            if (t.scheduled < 0 && pod["spec"].contains("nodeName")) t.scheduled = at;
            if (t.creating < 0 && status.contains("containerStatuses") &&
                status["containerStatuses"][0]["state"].contains("waiting")) {
                t.creating = at;
            }
            if (t.running < 0 && status.value("phase", "") == "Running") t.running = at;
            if (t.sidecarOnly < 0 && status.contains("containerStatuses") && !pod_builder::isReady(pod) &&
                status["containerStatuses"][1].value("ready", false) &&
                !status["containerStatuses"][0].value("ready", false)) {
                t.sidecarOnly = at;  // READY 1/2: the sidecar is up, the app still starting
            }
            if (t.ready < 0 && pod_builder::isReady(pod)) t.ready = at;
        }
        if (t.ready >= 0) break;
        bookinfo.run(50);
    }
    return t;
}

std::vector<std::string> readyAddresses(BookinfoFixture& bookinfo, const std::string& service) {
    std::vector<std::string> ips;
    const auto endpoints = bookinfo.cluster().store().get(ResourceRegistry::byKind("Endpoints"), "default", service);
    if (!endpoints) return ips;
    for (const auto& subset : (*endpoints).value("subsets", Json::array())) {
        for (const auto& address : subset.value("addresses", Json::array())) ips.push_back(address["ip"]);
    }
    return ips;
}

}  // namespace

TEST_CASE("the cluster starts with Bookinfo as the Istio sample deploys it") {
    BookinfoFixture bookinfo;
    const auto pods = bookinfo.pods("");
    REQUIRE(pods.size() == 6);
    for (const char* app : {"productpage", "details", "ratings"})
        CHECK(bookinfo.readyPods(std::string("app=") + app) == 1);
    CHECK(bookinfo.readyPods("app=reviews") == 3);
    for (const auto& pod : pods) {
        const std::string name = pod["metadata"]["name"];
        CAPTURE(name);
        CHECK(pod["spec"]["containers"].size() == 2);
        CHECK(pod["spec"]["containers"][1]["name"] == "istio-proxy");
        CHECK(pod["metadata"]["ownerReferences"][0]["kind"] == "ReplicaSet");
        CHECK(name.rfind(pod["metadata"]["ownerReferences"][0]["name"].get<std::string>() + "-", 0) == 0);
        CHECK(pod["metadata"]["labels"].contains("pod-template-hash"));
        CHECK(pod["spec"].contains("nodeName"));
        CHECK(pod["status"]["podIP"].get<std::string>().rfind("10.244.", 0) == 0);
    }
    auto& store = bookinfo.cluster().store();
    CHECK(store.get(ResourceRegistry::byKind("VirtualService"), "default", "bookinfo") != nullptr);
    CHECK(store.get(ResourceRegistry::byKind("VirtualService"), "default", "reviews") == nullptr);
    CHECK(store.get(ResourceRegistry::byKind("Gateway"), "default", "bookinfo-gateway") != nullptr);
    CHECK(bookinfo.pods("app=istio-ingressgateway", "istio-system").size() == 1);
    CHECK(bookinfo.pods("app=istiod", "istio-system").size() == 1);
    CHECK(bookinfo.pods("k8s-app=kube-dns", "kube-system").size() == 2);
    CHECK(readyAddresses(bookinfo, "reviews").size() == 3);
}

TEST_CASE("a deleted pod terminates, leaves its endpoints at once, and is replaced") {
    BookinfoFixture bookinfo;
    const Json old = bookinfo.pods("app=reviews,version=v1").at(0);
    const std::string oldName = old["metadata"]["name"];
    const std::string oldIp = old["status"]["podIP"];
    bookinfo.deletePod(oldName);
    const auto ips = readyAddresses(bookinfo, "reviews");  // endpoints change at once
    CHECK(ips.size() == 2);
    CHECK(std::find(ips.begin(), ips.end(), oldIp) == ips.end());
    bookinfo.run(10);  // the ReplicaSet controller reacts within milliseconds

    const auto terminating = bookinfo.pods("app=reviews,version=v1");
    REQUIRE(terminating.size() == 2);  // the old one (Terminating) and its Pending replacement
    const Json& stillThere = terminating[0]["metadata"]["name"] == oldName ? terminating[0] : terminating[1];
    CHECK(stillThere["metadata"].contains("deletionTimestamp"));
    CHECK(stillThere["metadata"]["deletionGracePeriodSeconds"] == 30);

    const Timeline t = follow(bookinfo, "app=reviews,version=v1", oldName, 20000);
    CHECK(t.pending >= 0);
    CHECK(t.scheduled >= 0);
    CHECK(t.creating >= t.scheduled);
    CHECK(t.running > t.creating);
    // reviews has no readinessProbe: its container is ready once it runs, the pod when the sidecar's probe passes.
    CHECK(t.ready > t.running);
    CHECK(t.ready < t.running + 2500);
    CHECK(t.sidecarOnly < 0);
    // The old pod was gone after the sidecar's 5 s drain.
    bookinfo.run(6000);
    CHECK(bookinfo.pods("app=reviews,version=v1").size() == 1);
    CHECK(readyAddresses(bookinfo, "reviews").size() == 3);
}

TEST_CASE("details starts faster than reviews") {
    BookinfoFixture bookinfo;
    const std::string details = bookinfo.pods("app=details").at(0)["metadata"]["name"];
    bookinfo.deletePod(details);
    const Timeline t = follow(bookinfo, "app=details", details, 20000);
    CHECK(t.ready > 0);
    CHECK(t.ready < 5000);
}

TEST_CASE("deployments honour spec.replicas both ways") {
    BookinfoFixture bookinfo;
    bookinfo.scale("reviews-v3", 3);
    bookinfo.run(20000);
    CHECK(bookinfo.readyPods("app=reviews,version=v3") == 3);
    const auto deployment =
        bookinfo.cluster().store().get(ResourceRegistry::byKind("Deployment"), "default", "reviews-v3");
    CHECK((*deployment)["status"]["readyReplicas"] == 3);

    bookinfo.scale("reviews-v3", 1);
    bookinfo.run(20);
    std::size_t terminating = 0;
    for (const auto& pod : bookinfo.pods("app=reviews,version=v3"))
        terminating += pod_builder::isTerminating(pod) ? 1 : 0;
    CHECK(terminating == 2);
    bookinfo.run(10000);
    CHECK(bookinfo.pods("app=reviews,version=v3").size() == 1);

    bookinfo.scale("details-v1", 0);
    bookinfo.run(10000);
    CHECK(bookinfo.pods("app=details").empty());
    CHECK(readyAddresses(bookinfo, "details").empty());
}

TEST_CASE("a forced delete removes the pod at once") {
    BookinfoFixture bookinfo;
    const std::string name = bookinfo.pods("app=ratings").at(0)["metadata"]["name"];
    bookinfo.cluster().kubelet().deletePod("default", name, 0, "", false);
    for (const auto& pod : bookinfo.pods("app=ratings")) CHECK(pod["metadata"]["name"] != name);
}

TEST_CASE("a dry-run delete changes nothing") {
    BookinfoFixture bookinfo;
    const std::string name = bookinfo.pods("app=ratings").at(0)["metadata"]["name"];
    const auto answer = bookinfo.cluster().kubelet().deletePod("default", name, std::nullopt, "", true);
    CHECK((*answer)["metadata"].contains("deletionTimestamp"));
    bookinfo.run(1000);
    const auto pods = bookinfo.pods("app=ratings");
    REQUIRE(pods.size() == 1);
    CHECK_FALSE(pod_builder::isTerminating(pods[0]));
}

TEST_CASE("deleting a Deployment takes its ReplicaSet and pods with it") {
    BookinfoFixture bookinfo;
    auto& store = bookinfo.cluster().store();
    store.remove(ResourceRegistry::byKind("Deployment"), "default", "reviews-v2");
    bookinfo.run(10);
    for (const auto& rs : store.list(ResourceRegistry::byKind("ReplicaSet"), "default")) {
        CHECK((*rs)["metadata"]["name"].get<std::string>().rfind("reviews-v2-", 0) != 0);
    }
    const auto pods = bookinfo.pods("app=reviews,version=v2");
    REQUIRE(pods.size() == 1);
    CHECK(pod_builder::isTerminating(pods[0]));
    bookinfo.run(10000);
    CHECK(bookinfo.pods("app=reviews,version=v2").empty());
}
