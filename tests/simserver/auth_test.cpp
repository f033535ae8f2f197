// Authentication and authorization of the built-in cluster: bearer tokens
// and client certificates decide who a request is (401 when they are wrong
// or missing), the admin may do anything and the viewer only read (403 with
// the real server's wording), access reviews answer from the same rules,
// and the kubeconfig hands out a context per identity.
#include <doctest/doctest.h>

#include "server_fixture.hpp"
#include "simcluster/server/kubeconfig_writer.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::kPods;
using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

const char* kReviews = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
const Json kUnauthorized = Json::parse(R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                                            "message":"Unauthorized","reason":"Unauthorized","code":401})");

ServeOptions secured(AuthMode mode) {
    ServeOptions options = ServerFixture::defaults();
    options.tls = true;
    options.auth = mode;
    return options;
}

void expectUnauthorized(const httplib::Result& result) {
    REQUIRE(result);
    CHECK(result->status == 401);
    CHECK(Json::parse(result->body) == kUnauthorized);
}

std::string firstPod(httplib::ClientImpl& client) {
    return Json::parse(client.Get(kPods)->body)["items"][0]["metadata"]["name"];
}

std::string review(const std::string& verb, const std::string& resource, const std::string& group = "") {
    return Json{{"apiVersion", "authorization.k8s.io/v1"},
                {"kind", "SelfSubjectAccessReview"},
                {"spec",
                 {{"resourceAttributes",
                   {{"namespace", "default"}, {"verb", verb}, {"group", group}, {"resource", resource}}}}}}
        .dump();
}

// kubectl's protobuf SelfSubjectAccessReview: "k8s\0" + runtime.Unknown{typeMeta, raw}.
std::string protobufReview(const std::string& verb, const std::string& resource) {
    auto field = [](int number, const std::string& bytes) {
        return std::string(1, static_cast<char>((number << 3) | 2)) + static_cast<char>(bytes.size()) + bytes;
    };
    const std::string attributes = field(1, "default") + field(2, verb) + field(3, "") + field(5, resource);
    const std::string raw = field(1, "") + field(2, field(1, attributes));
    const std::string typeMeta = field(1, "authorization.k8s.io/v1") + field(2, "SelfSubjectAccessReview");
    return std::string("k8s\0", 4) + field(1, typeMeta) + field(2, raw);
}

}  // namespace

TEST_CASE("bearer tokens: the right one is let in, a wrong or missing one gets 401") {
    ServerFixture fixture(secured(AuthMode::Token));
    const auto& admin = fixture.server().identity("meshlings-admin");
    CHECK(admin.token.size() == 64);
    CHECK(admin.token != fixture.server().identity("meshlings-viewer").token);
    CHECK(fixture.server().mode() == "https, auth token");

    const auto good = fixture.clientAs("meshlings-admin")->Get(kPods);
    REQUIRE(good);
    CHECK(good->status == 200);
    expectUnauthorized(fixture.client(std::string(64, '0'))->Get(kPods));
    expectUnauthorized(fixture.client(admin.token.substr(0, 63))->Get(kPods));
    expectUnauthorized(fixture.client()->Get(kPods));
    expectUnauthorized(fixture.client()->Get("/apis"));  // discovery needs credentials too

    SUBCASE("version and health checks are open to anyone without credentials, as on a real server") {
        for (const char* path : {"/version", "/healthz", "/livez", "/readyz"}) {
            const auto open = fixture.client()->Get(path);
            REQUIRE(open);
            CHECK(open->status == 200);
        }
        // ... but wrong credentials are refused there as well.
        expectUnauthorized(fixture.client("not-a-token")->Get("/version"));
    }
}

TEST_CASE("client certificates: one the CA signed is let in; none, or another CA's, gets 401") {
    ServerFixture fixture(secured(AuthMode::Cert));
    CHECK(fixture.server().identity("meshlings-admin").token.empty());
    const auto good = fixture.clientAs("meshlings-admin")->Get(kPods);
    REQUIRE(good);
    CHECK(good->status == 200);
    expectUnauthorized(fixture.client()->Get(kPods));
    const TlsMaterial stranger("127.0.0.1");
    expectUnauthorized(fixture.client("", stranger.issueClient("meshlings-admin", "system:masters"))->Get(kPods));
    // A certificate of the cluster's CA for some other user: known to nobody, allowed nothing but the basics.
    const auto other = fixture.client("", fixture.server().tls().issueClient("mallory", "ops"));
    const auto forbidden = other->Get(kPods);
    REQUIRE(forbidden);
    CHECK(forbidden->status == 403);
    CHECK(Json::parse(forbidden->body)["message"] ==
          "pods is forbidden: User \"mallory\" cannot list resource \"pods\" in API group \"\" in the namespace "
          "\"default\"");
}

TEST_CASE("client certificates need TLS") {
    ServeOptions options = ServerFixture::defaults();
    options.auth = AuthMode::Cert;
    ClusterServer server(options);
    CHECK_THROWS_AS(server.start(), std::invalid_argument);
}

TEST_CASE("the viewer reads everything and changes nothing") {
    for (const AuthMode mode : {AuthMode::Token, AuthMode::Cert}) {
        CAPTURE(Authenticator::name(mode));
        ServerFixture fixture(secured(mode));
        const auto viewer = fixture.clientAs("meshlings-viewer");
        const auto list = viewer->Get(kPods);
        REQUIRE(list);
        CHECK(list->status == 200);
        const std::string pod = firstPod(*viewer);
        REQUIRE(viewer->Get(std::string(kPods) + "/" + pod)->status == 200);
        REQUIRE(viewer->Get("/apis/apps/v1/namespaces/default/deployments/reviews-v3/scale")->status == 200);

        const auto deleted = viewer->Delete(std::string(kPods) + "/" + pod);
        REQUIRE(deleted);
        CHECK(deleted->status == 403);
        const Json status = Json::parse(deleted->body);
        CHECK(status["kind"] == "Status");
        CHECK(status["status"] == "Failure");
        CHECK(status["reason"] == "Forbidden");
        CHECK(status["code"] == 403);
        CHECK(status["message"] == "pods \"" + pod +
                                       "\" is forbidden: User \"meshlings-viewer\" cannot delete resource "
                                       "\"pods\" in API group \"\" in the namespace \"default\"");
        CHECK(status["details"] == Json{{"name", pod}, {"kind", "pods"}});

        const auto created = viewer->Post(kPods, R"({"metadata":{"name":"x"}})", "application/json");
        CHECK(Json::parse(created->body)["message"] ==
              "pods is forbidden: User \"meshlings-viewer\" cannot create resource \"pods\" in API group \"\" in the "
              "namespace \"default\"");
        const auto scaled = viewer->Patch("/apis/apps/v1/namespaces/default/deployments/reviews-v3/scale",
                                          R"({"spec":{"replicas":3}})", "application/merge-patch+json");
        CHECK(scaled->status == 403);
        const Json scaleStatus = Json::parse(scaled->body);
        CHECK(scaleStatus["message"] ==
              "deployments.apps \"reviews-v3\" is forbidden: User \"meshlings-viewer\" cannot "
              "patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"default\"");
        CHECK(scaleStatus["details"] == Json{{"name", "reviews-v3"}, {"group", "apps"}, {"kind", "deployments"}});
        const auto patched = viewer->Patch("/apis/networking.istio.io/v1/namespaces/default/virtualservices/bookinfo",
                                           R"({"spec":{"hosts":["x"]}})", "application/merge-patch+json");
        CHECK(patched->status == 403);
        CHECK(viewer->Delete("/api/v1/namespaces/default/pods")->status == 403);
        CHECK(Json::parse(viewer->Delete("/api/v1/namespaces/default/pods")->body)["message"] ==
              "pods is forbidden: User \"meshlings-viewer\" cannot deletecollection resource \"pods\" in API group "
              "\"\" in "
              "the namespace \"default\"");
        CHECK(Json::parse(viewer->Post("/api/v1/namespaces", "{}", "application/json")->body)["message"] ==
              "namespaces is forbidden: User \"meshlings-viewer\" cannot create resource \"namespaces\" in API group "
              "\"\" "
              "at the cluster scope");

        // Nothing changed, and the admin may do what the viewer may not.
        const auto admin = fixture.clientAs("meshlings-admin");
        CHECK(admin->Get(std::string(kPods) + "/" + pod)->status == 200);
        const auto adminDelete = admin->Delete(std::string(kPods) + "/" + pod);
        REQUIRE(adminDelete);
        CHECK(adminDelete->status == 200);
    }
}

TEST_CASE("access reviews answer from the same rules, in JSON and protobuf") {
    ServerFixture fixture(secured(AuthMode::Token));
    const auto admin = fixture.clientAs("meshlings-admin");
    const auto viewer = fixture.clientAs("meshlings-viewer");

    const auto adminDelete = admin->Post(kReviews, review("delete", "pods"), "application/json");
    REQUIRE(adminDelete);
    CHECK(adminDelete->status == 201);
    const Json allowed = Json::parse(adminDelete->body);
    CHECK(allowed["status"]["allowed"] == true);
    CHECK(allowed["status"]["reason"] ==
          "RBAC: allowed by ClusterRoleBinding \"meshlings-admin\" of ClusterRole \"cluster-admin\" to User "
          "\"meshlings-admin\"");

    const auto viewerDelete = viewer->Post(kReviews, review("delete", "pods"), "application/json");
    REQUIRE(viewerDelete);
    CHECK(viewerDelete->status == 201);
    CHECK(Json::parse(viewerDelete->body)["status"] == Json{{"allowed", false}});

    const Json viewerList = Json::parse(viewer->Post(kReviews, review("list", "pods"), "application/json")->body);
    CHECK(viewerList["status"]["allowed"] == true);
    CHECK(viewerList["status"]["reason"] ==
          "RBAC: allowed by ClusterRoleBinding \"meshlings-viewer\" of ClusterRole \"view\" to User "
          "\"meshlings-viewer\"");
    const Json viewerPatch = Json::parse(
        viewer->Post(kReviews, review("patch", "virtualservices", "networking.istio.io"), "application/json")->body);
    CHECK(viewerPatch["status"]["allowed"] == false);

    const char* protobuf = "application/vnd.kubernetes.protobuf";
    CHECK(Json::parse(viewer->Post(kReviews, protobufReview("delete", "pods"), protobuf)->body)["status"]["allowed"] ==
          false);
    CHECK(Json::parse(viewer->Post(kReviews, protobufReview("watch", "pods"), protobuf)->body)["status"]["allowed"] ==
          true);
    CHECK(Json::parse(admin->Post(kReviews, protobufReview("delete", "pods"), protobuf)->body)["status"]["allowed"] ==
          true);

    expectUnauthorized(fixture.client()->Post(kReviews, review("get", "pods"), "application/json"));
}

TEST_CASE("without authentication everyone is the admin, as before") {
    ServerFixture fixture;
    const auto result = fixture.api().Post(kReviews, review("delete", "pods"), "application/json");
    REQUIRE(result);
    CHECK(Json::parse(result->body)["status"]["allowed"] == true);
    CHECK(fixture.server().identities().size() == 1);
    CHECK(fixture.server().mode() == "http, auth none");
    const std::string config = fixture.server().kubeconfig();
    CHECK(config.find("- name: meshlings-admin\n  user: {}\n") != std::string::npos);
    CHECK(config.find("    server: http://127.0.0.1:") != std::string::npos);
    CHECK(config.find("certificate-authority") == std::string::npos);
}

TEST_CASE("the kubeconfig has an admin and a viewer context with the mode's credentials") {
    SUBCASE("tokens") {
        ServerFixture fixture(secured(AuthMode::Token));
        const std::string config = fixture.server().kubeconfig();
        CHECK(config.find("current-context: meshlings\n") != std::string::npos);
        for (const char* user : {"meshlings-admin", "meshlings-viewer"}) {
            CHECK(config.find("- name: " + std::string(user) + "\n  user:\n    token: " +
                              fixture.server().identity(user).token + "\n") != std::string::npos);
        }
        CHECK(config.find("- name: meshlings-viewer\n  context:\n    cluster: meshlings\n    user: meshlings-viewer\n"
                          "    namespace: default\n") != std::string::npos);
        CHECK(config.find("certificate-authority-data: ") != std::string::npos);
        CHECK(config.find("client-key-data") == std::string::npos);
    }
    SUBCASE("certificates") {
        ServerFixture fixture(secured(AuthMode::Cert));
        const std::string config = fixture.server().kubeconfig();
        const auto& viewer = fixture.server().identity("meshlings-viewer");
        CHECK(config.find("- name: meshlings-viewer\n  user:\n    client-certificate-data: " +
                          KubeconfigWriter::base64(viewer.clientCertificate.certificate) + "\n    client-key-data: " +
                          KubeconfigWriter::base64(viewer.clientCertificate.privateKey) + "\n") != std::string::npos);
        CHECK(config.find("token:") == std::string::npos);
    }
}
