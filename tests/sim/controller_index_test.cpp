// The ReplicaSet and Endpoints controllers follow pods through indexes kept
// up to date event by event (PodOwnerIndex, ServiceMembers) instead of
// scanning the namespace on every change, which took 0.3 to 1.3 s under the
// cluster lock per pod change in a 5,000-pod namespace. These tests pin that
// what they write is still what a scan of the store gives.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "bookinfo_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

const ResourceType& type(const char* kind) {
    return ResourceRegistry::byKind(kind);
}

struct Listed {
    std::vector<std::string> ready, notReady, slice;  // pod names, in name order
};

// What the Endpoints and EndpointSlice of `service` should list, from a scan of every pod.
Listed expectedFor(Cluster& cluster, const Json& service) {
    Listed out;
    const Selector selector = Selector::fromLabelMap(service["spec"]["selector"]);
    for (const auto& pod : cluster.store().list(type("Pod"), "default")) {
        if (!selector.matches(*pod) || (*pod)["status"].value("podIP", "").empty()) continue;
        const std::string name = (*pod)["metadata"]["name"];
        out.slice.push_back(name);
        const std::string phase = (*pod)["status"].value("phase", "");
        if (pod_builder::isTerminating(*pod) || phase == "Succeeded" || phase == "Failed") continue;
        (pod_builder::isReady(*pod) ? out.ready : out.notReady).push_back(name);
    }
    return out;
}

// What they do list.
Listed storedFor(Cluster& cluster, const std::string& service) {
    Listed out;
    const auto endpoints = cluster.store().get(type("Endpoints"), "default", service);
    REQUIRE(endpoints != nullptr);
    for (const auto& subset : endpoints->value("subsets", Json::array())) {
        for (const auto& a : subset.value("addresses", Json::array())) out.ready.push_back(a["targetRef"]["name"]);
        for (const auto& a : subset.value("notReadyAddresses", Json::array()))
            out.notReady.push_back(a["targetRef"]["name"]);
    }
    for (const auto& slice : cluster.store().list(type("EndpointSlice"), "default")) {
        if ((*slice)["metadata"]["labels"].value("kubernetes.io/service-name", "") != service) continue;
        for (const auto& e : (*slice)["endpoints"]) out.slice.push_back(e["targetRef"]["name"]);
    }
    return out;
}

void checkEndpointsMatchScan(Cluster& cluster) {
    for (const auto& service : cluster.store().list(type("Service"), "default")) {
        if ((*service)["spec"].value("selector", Json::object()).empty()) continue;
        const std::string name = (*service)["metadata"]["name"];
        CAPTURE(name);
        const Listed expected = expectedFor(cluster, *service);
        const Listed stored = storedFor(cluster, name);
        CHECK(stored.ready == expected.ready);
        CHECK(stored.notReady == expected.notReady);
        // Slices keep each endpoint where it was put, so across slices the order is not the name order.
        auto sortedSlice = stored.slice;
        std::sort(sortedSlice.begin(), sortedSlice.end());
        CHECK(sortedSlice == expected.slice);
    }
}

void checkReplicaSetsMatchScan(Cluster& cluster) {
    for (const auto& rs : cluster.store().list(type("ReplicaSet"), "default")) {
        const std::string uid = (*rs)["metadata"]["uid"];
        std::int64_t active = 0, ready = 0;
        for (const auto& pod : cluster.store().list(type("Pod"), "default")) {
            const auto& owners = (*pod)["metadata"].value("ownerReferences", Json::array());
            const bool owned =
                std::any_of(owners.begin(), owners.end(), [&](const Json& o) { return o["uid"] == uid; });
            const std::string phase = (*pod)["status"].value("phase", "");
            if (!owned || pod_builder::isTerminating(*pod) || phase == "Succeeded" || phase == "Failed") continue;
            ++active;
            ready += pod_builder::isReady(*pod) ? 1 : 0;
        }
        CAPTURE((*rs)["metadata"]["name"].get<std::string>());
        CHECK((*rs)["status"].value("replicas", -1) == active);
        CHECK((*rs)["status"].value("readyReplicas", 0) == ready);
    }
}

}  // namespace

TEST_CASE("after churn, ReplicaSet status and Endpoints are what a scan of the store gives") {
    BookinfoFixture bookinfo;
    auto& cluster = bookinfo.cluster();
    bookinfo.scale("reviews-v1", 4);
    bookinfo.run(700);  // new pods Pending or starting: not-ready addresses
    checkReplicaSetsMatchScan(cluster);
    checkEndpointsMatchScan(cluster);

    // A pod relabelled out of its Service, another deleted, a scale-down.
    Json moved = bookinfo.pods("app=reviews,version=v2").at(0);
    moved["metadata"]["labels"]["app"] = "reviews-canary";
    cluster.store().update(type("Pod"), moved);
    bookinfo.deletePod(bookinfo.pods("app=ratings").at(0)["metadata"]["name"]);
    bookinfo.run(300);
    bookinfo.scale("reviews-v1", 2);
    bookinfo.run(30000);
    checkReplicaSetsMatchScan(cluster);
    checkEndpointsMatchScan(cluster);
    CHECK(bookinfo.readyPods("app=reviews,version=v1") == 2);
}

TEST_CASE("scaling down removes not-ready pods first, then the newest") {
    BookinfoFixture bookinfo;
    bookinfo.scale("details-v1", 3);
    bookinfo.run(20000);
    bookinfo.scale("details-v1", 5);
    bookinfo.run(500);  // two more, not ready yet
    std::set<std::string> notReady;
    for (const auto& pod : bookinfo.pods("app=details")) {
        if (!pod_builder::isReady(pod)) notReady.insert(pod["metadata"]["name"]);
    }
    REQUIRE(notReady.size() == 2);
    bookinfo.scale("details-v1", 3);
    bookinfo.run(10);
    std::set<std::string> terminating;
    for (const auto& pod : bookinfo.pods("app=details")) {
        if (pod_builder::isTerminating(pod)) terminating.insert(pod["metadata"]["name"]);
    }
    CHECK(terminating == notReady);

    // Among Ready pods, the newest goes first (creationTimestamp has whole seconds).
    bookinfo.run(20000);
    std::string newest, newestTime;
    for (const auto& pod : bookinfo.pods("app=details")) {
        const std::string created = pod["metadata"]["creationTimestamp"];
        if (!pod_builder::isTerminating(pod) &&
            created > newestTime) {  // ties: the first by name, as the sort is stable
            newestTime = created;
            newest = pod["metadata"]["name"];
        }
    }
    bookinfo.scale("details-v1", 2);
    bookinfo.run(10);
    for (const auto& pod : bookinfo.pods("app=details")) {
        CAPTURE(pod["metadata"]["name"].get<std::string>());
        CHECK(pod_builder::isTerminating(pod) == (pod["metadata"]["name"] == newest));
    }
}

TEST_CASE("hand-edited Endpoints of a Service with a selector are put back at its next pod change") {
    BookinfoFixture bookinfo;
    auto& store = bookinfo.cluster().store();
    Json edited = *store.get(type("Endpoints"), "default", "reviews");
    edited["subsets"] = Json::array();
    store.update(type("Endpoints"), edited);
    bookinfo.run(100);
    CHECK(storedFor(bookinfo.cluster(), "reviews").ready.empty());  // nothing changed for the controller yet
    bookinfo.deletePod(bookinfo.pods("app=reviews,version=v3").at(0)["metadata"]["name"]);
    CHECK(storedFor(bookinfo.cluster(), "reviews").ready.size() == 2);
    checkEndpointsMatchScan(bookinfo.cluster());
}

TEST_CASE("a Service whose selector changes lists the pods of the new selector") {
    BookinfoFixture bookinfo;
    Json service = *bookinfo.cluster().store().get(type("Service"), "default", "reviews");
    service["spec"]["selector"]["version"] = "v2";
    bookinfo.apply("Service", service);
    const Listed stored = storedFor(bookinfo.cluster(), "reviews");
    REQUIRE(stored.ready.size() == 1);
    CHECK(stored.ready[0].rfind("reviews-v2-", 0) == 0);
    checkEndpointsMatchScan(bookinfo.cluster());

    // Deleted and made again with the first selector: all three again.
    bookinfo.cluster().store().remove(type("Service"), "default", "reviews");
    bookinfo.run(0);
    CHECK(bookinfo.cluster().store().get(type("Endpoints"), "default", "reviews") == nullptr);
    service.erase("metadata");
    service["metadata"] = {{"name", "reviews"}};
    service["spec"]["selector"].erase("version");
    bookinfo.apply("Service", service);
    CHECK(storedFor(bookinfo.cluster(), "reviews").ready.size() == 3);
    checkEndpointsMatchScan(bookinfo.cluster());
}

namespace {

std::map<std::string, std::string> sliceVersions(Cluster& cluster, const std::string& service, std::size_t& largest) {
    std::map<std::string, std::string> out;
    largest = 0;
    for (const auto& slice : cluster.store().list(type("EndpointSlice"), "default")) {
        if ((*slice)["metadata"]["labels"].value("kubernetes.io/service-name", "") != service) continue;
        out[(*slice)["metadata"]["name"]] = (*slice)["metadata"]["resourceVersion"];
        largest = std::max(largest, (*slice)["endpoints"].size());
    }
    return out;
}

}  // namespace

TEST_CASE("endpoints are spread over slices of at most 100, and one pod's change rewrites one slice") {
    BookinfoFixture bookinfo;
    auto& cluster = bookinfo.cluster();
    bookinfo.scale("details-v1", 250);
    bookinfo.run(30000);
    REQUIRE(bookinfo.readyPods("app=details") == 250);
    std::size_t largest = 0;
    const auto before = sliceVersions(cluster, "details", largest);
    CHECK(before.size() == 3);
    CHECK(largest == 100);
    checkEndpointsMatchScan(cluster);

    bookinfo.deletePod(bookinfo.pods("app=details").at(17)["metadata"]["name"]);
    bookinfo.run(0);  // the pod is Terminating; its replacement has no IP yet
    const auto after = sliceVersions(cluster, "details", largest);
    REQUIRE(after.size() == before.size());
    int rewritten = 0;
    for (const auto& [name, version] : before) rewritten += after.at(name) != version ? 1 : 0;
    CHECK(rewritten == 1);

    // Scaled to zero: the emptied slices go, one (empty) is left, as in Kubernetes.
    bookinfo.scale("details-v1", 0);
    bookinfo.run(60000);
    CHECK(sliceVersions(cluster, "details", largest).size() == 1);
    CHECK(largest == 0);
    checkEndpointsMatchScan(cluster);
}

TEST_CASE("Endpoints list at most 1,000 addresses, Ready first, and say they were truncated") {
    BookinfoFixture bookinfo;
    auto& cluster = bookinfo.cluster();
    bookinfo.scale("ratings-v1", 1010);
    bookinfo.run(30000);
    REQUIRE(bookinfo.readyPods("app=ratings") == 1010);
    auto endpoints = cluster.store().get(type("Endpoints"), "default", "ratings");
    REQUIRE(endpoints != nullptr);
    CHECK((*endpoints)["subsets"][0]["addresses"].size() == 1000);
    CHECK((*endpoints)["metadata"]["annotations"].value("endpoints.kubernetes.io/over-capacity", "") == "truncated");

    bookinfo.scale("ratings-v1", 900);
    bookinfo.run(60000);
    endpoints = cluster.store().get(type("Endpoints"), "default", "ratings");
    CHECK((*endpoints)["subsets"][0]["addresses"].size() == 900);
    CHECK(!(*endpoints)["metadata"].contains("annotations"));
    checkEndpointsMatchScan(cluster);
}
