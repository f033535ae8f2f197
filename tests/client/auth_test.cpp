// The client against the built-in cluster over TLS: a bearer token, a client
// certificate, an exec plugin; the restricted identity's 403; a refused
// credential's 401; a CA that does not match; tls-server-name.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

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
namespace fs = std::filesystem;

namespace {

meshlings::sim::ServeOptions secured(meshlings::sim::AuthMode auth) {
    auto options = ClusterFixture::defaults();
    options.tls = true;
    options.auth = auth;
    return options;
}

ClientOptions unthrottled() {
    ClientOptions options;
    options.qps = -1;
    return options;
}

// list, watch, delete, patch and scale, each once.
void exerciseEveryVerb(KubeClient& client) {
    const Json pods = listPods(client);
    REQUIRE(ja::array(pods, "items").size() >= 6);
    const std::string victim = ja::text(ja::object(ja::array(pods, "items").at(0), "metadata"), "name");
    WatchOptions watch;
    watch.resourceVersion = ja::text(ja::object(pods, "metadata"), "resourceVersion");
    watch.timeoutSeconds = 5;
    CancelFlag cancel;
    deletePod(client, victim);
    bool sawDelete = false;
    watchPods(
        client, watch,
        [&](WatchEvent&& event) {
            sawDelete = ja::text(ja::object(event.object, "metadata"), "name") == victim;
            return !sawDelete;
        },
        cancel);
    CHECK(sawDelete);
    IstioRouting istio(client);
    istio.patchVirtualService("bookinfo", Json::parse(R"({"metadata":{"labels":{"patched":"yes"}}})"),
                              PatchType::Merge);
    CHECK(ja::text(ja::object(ja::object(istio.getVirtualService("bookinfo"), "metadata"), "labels"), "patched") ==
          "yes");
    CHECK(ja::integer(ja::object(scaleDeployment(client, "ratings-v1", 2), "spec"), "replicas", -1) == 2);
}

}  // namespace

TEST_CASE("TLS with a bearer token: every verb works, and the server's certificate is checked") {
    ClusterFixture fixture(secured(meshlings::sim::AuthMode::Token));
    const RestConfig config = fixture.restConfig();
    CHECK(config.server.rfind("https://127.0.0.1:", 0) == 0);
    CHECK(config.authMethod() == "bearer token");
    KubeClient client(config, unthrottled());
    exerciseEveryVerb(client);

    SUBCASE("a token the server does not know gives 401") {
        RestConfig wrong = config;
        wrong.token = "not-the-token";
        KubeClient stranger(wrong, unthrottled());
        CHECK_THROWS_WITH_AS(listPods(stranger), "Unauthorized", StatusError);
        try {
            listPods(stranger);
        } catch (const StatusError& e) {
            CHECK(e.status() == 401);
        }
    }
    SUBCASE("a CA that did not sign the server's certificate fails the handshake") {
        ClusterFixture other(secured(meshlings::sim::AuthMode::Token));
        RestConfig wrongCa = config;
        wrongCa.caPem = other.server().tls().caCertificate();
        KubeClient suspicious(wrongCa, unthrottled());
        try {
            listPods(suspicious);
            FAIL("expected a TLS failure");
        } catch (const TransportError& e) {
            CHECK(e.failure() == TransportFailure::Tls);
        }
    }
    SUBCASE("insecure-skip-tls-verify accepts any certificate") {
        RestConfig insecure = config;
        insecure.caPem.clear();
        insecure.insecure = true;
        KubeClient trusting(insecure, unthrottled());
        CHECK(ja::array(listPods(trusting), "items").size() >= 6);
    }
    SUBCASE("tls-server-name checks the certificate against that name instead of the address") {
        RestConfig named = config;
        named.tlsServerName = "localhost";
        KubeClient byName(named, unthrottled());
        CHECK(ja::array(listPods(byName), "items").size() >= 6);
        named.tlsServerName = "api.example.test";
        KubeClient wrongName(named, unthrottled());
        CHECK_THROWS_AS(listPods(wrongName), TransportError);
    }
}

TEST_CASE("TLS with a client certificate: every verb works; without one, 401") {
    ClusterFixture fixture(secured(meshlings::sim::AuthMode::Cert));
    const RestConfig config = fixture.restConfig();
    CHECK(config.authMethod() == "client certificate");
    KubeClient client(config, unthrottled());
    exerciseEveryVerb(client);

    RestConfig anonymous = config;
    anonymous.clientCertPem.clear();
    anonymous.clientKeyPem.clear();
    KubeClient nobody(anonymous, unthrottled());
    CHECK_THROWS_WITH_AS(listPods(nobody), "Unauthorized", StatusError);
}

TEST_CASE("an exec plugin's token works, and a refused token makes the client ask the plugin again") {
    ClusterFixture fixture(secured(meshlings::sim::AuthMode::Token));
    const std::string token = fixture.server().identities().at(0).token;
    const fs::path dir = fs::temp_directory_path() /
                         ("meshlings-exec-auth-" + std::to_string(reinterpret_cast<std::uintptr_t>(&fixture)));
    fs::create_directories(dir);
    const fs::path plugin = dir / "credential.sh";
    // The first run hands out a stale token, later runs the right one.
    std::ofstream(plugin)
        << "#!/bin/sh\nn=$(($(cat \"$0.count\" 2>/dev/null || echo 0) + 1)); echo $n > \"$0.count\"\n"
        << "token=" << token << "; [ $n -eq 1 ] && token=stale\n"
        << "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
           "\"status\":{\"token\":\"%s\",\"expirationTimestamp\":\"2100-01-01T00:00:00Z\"}}' $token\n";
    fs::permissions(plugin, fs::perms::owner_all);
    RestConfig config = fixture.restConfig();
    config.token.clear();
    ExecConfig exec;
    exec.apiVersion = "client.authentication.k8s.io/v1";
    exec.command = plugin.string();
    exec.interactiveMode = "Never";
    config.exec = exec;
    KubeClient client(config, unthrottled());
    exerciseEveryVerb(client);
    std::ifstream count(plugin.string() + ".count");
    int runs = 0;
    count >> runs;
    CHECK(runs == 2);  // once stale (401), once good, then cached
    fs::remove_all(dir);
}

TEST_CASE("the restricted identity may read but not delete: 403 with the server's words") {
    ClusterFixture fixture(secured(meshlings::sim::AuthMode::Token));
    KubeClient viewer(fixture.restConfig("meshlings-viewer"), unthrottled());
    const Json pods = listPods(viewer);
    const std::string name = ja::text(ja::object(ja::array(pods, "items").at(0), "metadata"), "name");
    try {
        deletePod(viewer, name);
        FAIL("expected Forbidden");
    } catch (const StatusError& e) {
        CHECK(e.status() == 403);
        CHECK(e.reason() == "Forbidden");
        CHECK(std::string(e.what()) == "pods \"" + name +
                                           "\" is forbidden: User \"meshlings-viewer\" cannot delete resource \"pods\" "
                                           "in API group \"\" in the namespace \"default\"");
    }
    CHECK_FALSE(reviewAccess(viewer, {"delete", "", "pods", ""}).allowed);
    CHECK(reviewAccess(viewer, {"list", "", "pods", ""}).allowed);
    KubeClient admin(fixture.restConfig(), unthrottled());
    CHECK(reviewAccess(admin, {"patch", "apps", "deployments", "scale"}).allowed);
}
