// The audit log written by the KubeClient itself against the built-in
// cluster (TLS with a bearer token): deletes, a patch and scales, dry-run and
// not, a 403 of the restricted identity and a transport failure each give one
// complete JSON line; GETs give none; the token and key appear nowhere.
#include "client/audit_log.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "client/core_calls.hpp"
#include "client/status_error.hpp"
#include "client/transport_error.hpp"
#include "cluster_fixture.hpp"
#include "common/json_access_common.hpp"

using namespace meshlings::k8s;
using meshlings::k8s::testing::ClusterFixture;
namespace ja = meshlings::json_access;
namespace fs = std::filesystem;

namespace {

ClientOptions fast() {
    ClientOptions options;
    options.qps = -1;
    options.maxRetries = 0;
    return options;
}

std::vector<Json> readLines(const fs::path& file, std::string& all) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    all = text.str();
    std::vector<Json> lines;
    std::istringstream split(all);
    for (std::string line; std::getline(split, line);) lines.push_back(Json::parse(line));  // throws if not JSON
    return lines;
}

}  // namespace

TEST_CASE("AuditLog: one complete JSON line per changing call, dry-run or not, refused or failed; no secrets") {
    auto options = ClusterFixture::defaults();
    options.tls = true;
    options.auth = meshlings::sim::AuthMode::Token;
    ClusterFixture fixture(options);
    const fs::path file = fs::temp_directory_path() / "meshlings-audit-test" / "audit.jsonl";
    fs::remove_all(file.parent_path());
    auto audit = std::make_shared<AuditLog>(file);

    RestConfig config = fixture.restConfig();
    REQUIRE_FALSE(config.token.empty());
    config.audit = audit;
    KubeClient client(config, fast());
    const Json pods = listPods(client);  // a GET: not written
    const std::string first = ja::text(ja::object(ja::array(pods, "items").at(0), "metadata"), "name");
    const std::string second = ja::text(ja::object(ja::array(pods, "items").at(1), "metadata"), "name");
    DeleteOptions dry;
    dry.dryRun = true;
    deletePod(client, first, dry);
    deletePod(client, second);
    scaleDeployment(client, "ratings-v1", 2, true);
    scaleDeployment(client, "ratings-v1", 2);
    client.patch("/apis/apps/v1/namespaces/default/deployments/details-v1",
                 Json{{"metadata", {{"labels", {{"chaos", "yes"}}}}}}, PatchType::Merge);

    RestConfig viewerConfig = fixture.restConfig("meshlings-viewer");
    viewerConfig.audit = audit;
    KubeClient viewer(viewerConfig, fast());
    CHECK_THROWS_AS(deletePod(viewer, first), StatusError);

    RestConfig nowhere = config;
    nowhere.server = "https://127.0.0.1:1";
    KubeClient unreachable(nowhere, fast());
    CHECK_THROWS_AS(deletePod(unreachable, first), TransportError);

    std::string all;
    const std::vector<Json> lines = readLines(file, all);
    REQUIRE(lines.size() == 7);
    for (const Json& line : lines) {
        for (const char* key :
             {"time", "context", "server", "namespace", "method", "verb", "object", "dryRun", "body", "result"}) {
            CHECK_MESSAGE(line.contains(key), key << " in " << line.dump());
        }
        CHECK(line["time"].get<std::string>().size() == 20);  // 2026-11-26T15:04:05Z
        CHECK(line["time"].get<std::string>().back() == 'Z');
        CHECK(line["namespace"] == "default");
    }
    CHECK(lines[0]["verb"] == "delete");
    CHECK(lines[0]["method"] == "DELETE");
    CHECK(lines[0]["object"] == "pods/" + first);
    CHECK(lines[0]["dryRun"] == true);
    CHECK(lines[0]["result"]["status"] == 200);
    CHECK(lines[0]["server"] == config.server);
    CHECK(lines[1]["object"] == "pods/" + second);
    CHECK(lines[1]["dryRun"] == false);
    CHECK(lines[2]["verb"] == "patch");
    CHECK(lines[2]["object"] == "deployments/ratings-v1/scale");
    CHECK(lines[2]["dryRun"] == true);
    CHECK(lines[2]["body"].get<std::string>().find("replicas=2") != std::string::npos);
    CHECK(lines[3]["dryRun"] == false);
    CHECK(lines[4]["object"] == "deployments/details-v1");
    CHECK(lines[5]["context"] == "meshlings-viewer");
    CHECK(lines[5]["result"]["status"] == 403);
    CHECK(lines[5]["result"]["reason"] == "Forbidden");
    CHECK(lines[6]["result"].contains("error"));
    CHECK_FALSE(lines[6]["result"].contains("status"));

    CHECK(all.find(config.token) == std::string::npos);
    CHECK(all.find(viewerConfig.token) == std::string::npos);
    CHECK(all.find("Bearer") == std::string::npos);
    fs::remove_all(file.parent_path());
}

TEST_CASE("AuditLog::defaultPath: XDG_STATE_HOME, else ~/.local/state") {
    const char* state = std::getenv("XDG_STATE_HOME");
    const std::string saved = state != nullptr ? state : "";
    ::setenv("XDG_STATE_HOME", "/tmp/xdg-state", 1);
    CHECK(AuditLog::defaultPath() == fs::path("/tmp/xdg-state/meshlings/audit.jsonl"));
    ::unsetenv("XDG_STATE_HOME");
    const char* home = std::getenv("HOME");
    if (home != nullptr) CHECK(AuditLog::defaultPath() == fs::path(home) / ".local/state/meshlings/audit.jsonl");
    if (!saved.empty()) ::setenv("XDG_STATE_HOME", saved.c_str(), 1);
}

TEST_CASE("AuditLog: a 200 whose body is not JSON is written as such, not as OK") {
    ClusterFixture fixture;
    const fs::path file = fs::temp_directory_path() / "meshlings-audit-malformed" / "audit.jsonl";
    fs::remove_all(file.parent_path());
    RestConfig config = fixture.restConfig();
    config.audit = std::make_shared<AuditLog>(file);
    KubeClient client(config, fast());
    ListOptions byApp;
    byApp.labelSelector = "app=ratings";
    const std::string pod = ja::text(ja::object(ja::array(listPods(client, byApp), "items").at(0), "metadata"), "name");
    meshlings::sim::FaultRule malformed;
    malformed.method = "DELETE";
    malformed.malformedBody = true;
    fixture.server().faults().add(malformed);
    CHECK_THROWS_AS(deletePod(client, pod), DecodeError);
    deletePod(client, pod);  // the fault is used up: a real delete

    std::string all;
    const auto lines = readLines(file, all);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["result"]["status"] == 200);
    CHECK(lines[0]["result"]["reason"] == "answer not JSON");
    CHECK(lines[1]["result"]["reason"] == "OK");
    fs::remove_all(file.parent_path());
}
