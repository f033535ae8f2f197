// The named calls against the built-in cluster over plain HTTP: list, watch,
// delete (graceful, dry-run), scale, VirtualService and DestinationRule
// create/patch/delete in the preferred Istio version, access reviews, and
// errors decoded from the server's Status bodies.
#include <doctest/doctest.h>

#include <sstream>

#include "client/access_review.hpp"
#include "client/core_calls.hpp"
#include "client/istio_routing.hpp"
#include "client/status_error.hpp"
#include "client/transport_error.hpp"
#include "cluster_fixture.hpp"
#include "common/json_access_common.hpp"

using namespace meshlings::k8s;
using meshlings::k8s::testing::ClusterFixture;
namespace ja = meshlings::json_access;

namespace {

std::string firstPodOf(KubeClient& client, const std::string& app) {
    ListOptions options;
    options.labelSelector = "app=" + app;
    const Json pods = listPods(client, options);
    REQUIRE(!ja::array(pods, "items").empty());
    return ja::text(ja::object(ja::array(pods, "items").at(0), "metadata"), "name");
}

}  // namespace

TEST_CASE("pods are listed, fetched and deleted gracefully or as a dry-run") {
    ClusterFixture fixture;
    auto client = fixture.client();
    CHECK(client.nameSpace() == "default");
    const Json pods = listPods(client);
    CHECK(ja::text(pods, "kind") == "PodList");
    CHECK(ja::array(pods, "items").size() == 6);

    const std::string name = firstPodOf(client, "details");
    CHECK(ja::text(ja::object(getPod(client, name), "metadata"), "name") == name);

    DeleteOptions dryRun;
    dryRun.dryRun = true;
    const Json preview = deletePod(client, name, dryRun);
    CHECK(ja::field(ja::object(preview, "metadata"), "deletionTimestamp").is_string());
    CHECK_FALSE(ja::field(ja::object(getPod(client, name), "metadata"), "deletionTimestamp").is_string());

    DeleteOptions graceful;
    graceful.gracePeriodSeconds = 5;
    const Json deleted = deletePod(client, name, graceful);
    CHECK(ja::integer(ja::object(deleted, "metadata"), "deletionGracePeriodSeconds", -1) == 5);
    CHECK(ja::field(ja::object(getPod(client, name), "metadata"), "deletionTimestamp").is_string());
}

TEST_CASE("a watch streams the changes after the list's resourceVersion") {
    ClusterFixture fixture;
    auto client = fixture.client();
    const Json pods = listPods(client);
    const std::string name = firstPodOf(client, "ratings");
    WatchOptions options;
    options.resourceVersion = ja::text(ja::object(pods, "metadata"), "resourceVersion");
    options.timeoutSeconds = 10;
    CancelFlag cancel;
    std::thread deleter([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto other = fixture.client();
        deletePod(other, name);
    });
    std::vector<std::string> seen;
    watchPods(
        client, options,
        [&](WatchEvent&& event) {
            const std::string pod = ja::text(ja::object(event.object, "metadata"), "name");
            if (event.type == WatchEventType::Modified && pod == name) seen.push_back("terminating " + pod);
            if (event.type == WatchEventType::Added) seen.push_back("added");
            return seen.size() < 2;
        },
        cancel);
    deleter.join();
    REQUIRE(seen.size() == 2);
    CHECK(std::find(seen.begin(), seen.end(), "terminating " + name) != seen.end());
    CHECK(std::find(seen.begin(), seen.end(), "added") != seen.end());  // the ReplicaSet's replacement
}

TEST_CASE("a cancelled watch returns promptly") {
    ClusterFixture fixture;
    auto client = fixture.client();
    CancelFlag cancel;
    std::thread stopper([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        cancel.cancel();
    });
    WatchOptions options;
    options.resourceVersion = ja::text(ja::object(listPods(client), "metadata"), "resourceVersion");
    CHECK_THROWS_AS(watchPods(
                        client, options, [](WatchEvent&&) { return true; }, cancel),
                    TransportError);
    stopper.join();
}

TEST_CASE("deployments scale through the scale subresource") {
    ClusterFixture fixture;
    auto client = fixture.client();
    CHECK(ja::integer(ja::object(getScale(client, "reviews-v2"), "spec"), "replicas", -1) == 1);
    const Json preview = scaleDeployment(client, "reviews-v2", 3, true);
    CHECK(ja::integer(ja::object(preview, "spec"), "replicas", -1) == 3);
    CHECK(ja::integer(ja::object(getDeployment(client, "reviews-v2"), "spec"), "replicas", -1) == 1);
    const Json scaled = scaleDeployment(client, "reviews-v2", 3);
    CHECK(ja::text(scaled, "kind") == "Scale");
    CHECK(ja::integer(ja::object(getDeployment(client, "reviews-v2"), "spec"), "replicas", -1) == 3);
    CHECK(ja::array(listDeployments(client), "items").size() == 6);
}

TEST_CASE("VirtualServices and DestinationRules are created, patched and deleted in the preferred version") {
    ClusterFixture fixture;
    auto client = fixture.client();
    IstioRouting istio(client);
    CHECK(istio.apiVersion() == "networking.istio.io/v1");
    CHECK_THROWS_AS(istio.getVirtualService("reviews"), StatusError);

    const Json rule = {{"metadata", {{"name", "reviews"}}},
                       {"spec",
                        {{"host", "reviews"},
                         {"subsets", Json::array({{{"name", "v1"}, {"labels", {{"version", "v1"}}}},
                                                  {{"name", "v3"}, {"labels", {{"version", "v3"}}}}})}}}};
    istio.createDestinationRule(rule);
    const Json route = Json::parse(R"({"metadata":{"name":"reviews"},"spec":{"hosts":["reviews"],"http":[{"route":[
        {"destination":{"host":"reviews","subset":"v1"},"weight":80},{"destination":{"host":"reviews","subset":"v3"},"weight":20}]}]}})");
    const Json created = istio.createVirtualService(route);
    CHECK(ja::text(created, "apiVersion") == "networking.istio.io/v1");

    istio.patchVirtualService("reviews",
                              Json::parse(R"([{"op":"replace","path":"/spec/http/0/route/0/weight","value":50},
        {"op":"replace","path":"/spec/http/0/route/1/weight","value":50}])"),
                              PatchType::JsonPatch);
    const Json patched = istio.getVirtualService("reviews");
    CHECK(patched["spec"]["http"][0]["route"][1]["weight"] == 50);

    istio.patchVirtualService("reviews", Json::parse(R"({"metadata":{"labels":{"chaos":"on"}}})"), PatchType::Merge,
                              true);
    CHECK_FALSE(ja::object(ja::object(istio.getVirtualService("reviews"), "metadata"), "labels").contains("chaos"));

    CHECK(ja::array(istio.listVirtualServices(), "items").size() == 2);  // bookinfo's own and ours
    CHECK(ja::array(istio.listDestinationRules(), "items").size() == 1);
    istio.deleteVirtualService("reviews");
    istio.deleteDestinationRule("reviews");
    CHECK_THROWS_AS(istio.getDestinationRule("reviews"), StatusError);
}

TEST_CASE("errors say what happened, from the server's Status") {
    ClusterFixture fixture;
    auto client = fixture.client();
    try {
        deletePod(client, "reviews-v1-nope");
        FAIL("expected NotFound");
    } catch (const StatusError& e) {
        CHECK(e.status() == 404);
        CHECK(e.reason() == "NotFound");
        CHECK(std::string(e.what()) == "pods \"reviews-v1-nope\" not found");
    }
    IstioRouting istio(client);
    const Json route = {{"metadata", {{"name", "bookinfo"}}}, {"spec", {{"hosts", {"*"}}}}};
    try {
        istio.createVirtualService(route);
        FAIL("expected AlreadyExists");
    } catch (const StatusError& e) {
        CHECK(e.status() == 409);
        CHECK(e.reason() == "AlreadyExists");
    }
    try {
        istio.patchVirtualService("bookinfo", Json::object(), PatchType::Strategic);
        FAIL("expected UnsupportedMediaType");
    } catch (const StatusError& e) {
        CHECK(e.status() == 415);
    }
    CHECK(StatusError::fromReply(500, "<html>oops</html>", -1).reason() == "InternalError");
    CHECK(StatusError::fromReply(429, "Too many requests, please try again later.", 3).retryAfterSeconds() == 3);
}

TEST_CASE("access reviews answer for the caller") {
    ClusterFixture fixture;
    auto client = fixture.client();
    const auto answer = reviewAccess(client, {"delete", "", "pods", ""});
    CHECK(answer.allowed);
}

TEST_CASE("transport failures are told apart from HTTP errors") {
    RestConfig config;
    config.server = "http://127.0.0.1:1";
    ClientOptions options;
    options.qps = -1;
    KubeClient client(config, options);
    try {
        listPods(client);
        FAIL("expected a transport error");
    } catch (const TransportError& e) {
        CHECK(e.failure() == TransportFailure::Connect);
        CHECK(std::string(e.what()).find("GET http://127.0.0.1:1/api/v1/namespaces/default/pods") == 0);
    }
}

TEST_CASE("the Istio version is the server's preferred one among v1, v1beta1 and v1alpha3") {
    const auto groups = [](const std::string& versions, const std::string& preferred) {
        Json list = {{"kind", "APIGroupList"}, {"groups", Json::array()}};
        Json group = {{"name", "networking.istio.io"},
                      {"versions", Json::array()},
                      {"preferredVersion", {{"version", preferred}}}};
        std::stringstream names(versions);
        for (std::string v; names >> v;)
            group["versions"].push_back({{"groupVersion", "networking.istio.io/" + v}, {"version", v}});
        list["groups"].push_back(Json{{"name", "apps"}, {"versions", Json::array()}});
        list["groups"].push_back(group);
        return list;
    };
    CHECK(IstioRouting::chooseVersion(groups("v1 v1beta1 v1alpha3", "v1")) == "v1");         // Istio 1.22 and later
    CHECK(IstioRouting::chooseVersion(groups("v1beta1 v1alpha3", "v1beta1")) == "v1beta1");  // Istio 1.20
    CHECK(IstioRouting::chooseVersion(groups("v1alpha3", "v1alpha3")) == "v1alpha3");        // Istio 1.4
    CHECK(IstioRouting::chooseVersion(groups("v1beta1 v2", "v2")) == "v1beta1");             // a version we do not know
    CHECK(IstioRouting::chooseVersion(Json{{"groups", Json::array()}}).empty());
    CHECK(IstioRouting::chooseVersion(Json::parse("[]")).empty());
}
