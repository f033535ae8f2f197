// Issue 17 case 7: the audit line's `body` summarises every body the README
// promises, whatever the patch's form.
//   Expected: a weight shift (a JSON patch that tests the resourceVersion and
//   replaces the default route) shows its weights; retries, timeout and a
//   DestinationRule's trafficPolicy fields show when present; replicas of a
//   scale show; so do the preconditions (resourceVersion, uid). The lost
//   answer's outcome beside the error is checked in tests/bridge/lost_answer_test.cpp.
//   Observed before: `"body":"301 bytes"` for the weight shift.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "client/audit_log.hpp"
#include "client/rest_config.hpp"

using namespace meshlings::k8s;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

constexpr const char* kVs = "/apis/networking.istio.io/v1/namespaces/default/virtualservices/reviews";

struct OneLine {
    fs::path file = fs::temp_directory_path() / "meshlings-audit-summary-test" / "audit.jsonl";
    OneLine() { fs::remove_all(file.parent_path()); }
    ~OneLine() { fs::remove_all(file.parent_path()); }

    Json write(const std::string& method, const std::string& path, const Json& body, const std::string& error = "") {
        {
            AuditLog log(file);
            log.record(RestConfig{}, method, path, body.dump(), error.empty() ? 200 : 0, "{}", error);
        }
        std::ifstream in(file);
        std::string line;
        std::string last;
        while (std::getline(in, line)) last = line;
        return Json::parse(last);
    }
};

Json route(int v1, int v2, int v3) {
    Json out = Json::array();
    const int weights[] = {v1, v2, v3};
    int i = 0;
    for (const char* subset : {"v1", "v2", "v3"}) {
        out.push_back({{"destination", {{"host", "reviews.default.svc.cluster.local"}, {"subset", subset}}},
                       {"weight", weights[i++]}});
    }
    return out;
}

}  // namespace

TEST_CASE("audit summary: the weights of a weight shift sent as a JSON patch") {
    OneLine log;
    const Json patch = Json::array({{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", "42"}},
                                    {{"op", "replace"}, {"path", "/spec/http/0/route"}, {"value", route(10, 20, 70)}}});
    const Json line = log.write("PATCH", kVs, patch);
    CAPTURE(line.dump());
    const std::string body = line["body"];
    CHECK(body.find("weights=v1=10,v2=20,v3=70") != std::string::npos);
    CHECK(body.find("if resourceVersion=42") != std::string::npos);
    CHECK(body.find("bytes") == std::string::npos);
}

TEST_CASE("audit summary: a route added to a VirtualService without one, and the restore's whole spec") {
    OneLine log;
    const Json added =
        Json::array({{{"op", "add"}, {"path", "/spec/http/-"}, {"value", {{"route", route(0, 0, 100)}}}}});
    CHECK(log.write("PATCH", kVs, added)["body"].get<std::string>().find("weights=v1=0,v2=0,v3=100") !=
          std::string::npos);
    const Json restore =
        Json::array({{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", "7"}},
                     {{"op", "add"},
                      {"path", "/spec"},
                      {"value", {{"hosts", {"reviews"}}, {"http", Json::array({{{"route", route(50, 50, 0)}}})}}}},
                     {{"op", "remove"}, {"path", "/metadata/labels"}}});
    CHECK(log.write("PATCH", kVs, restore)["body"].get<std::string>().find("weights=v1=50,v2=50,v3=0") !=
          std::string::npos);
}

TEST_CASE("audit summary: retries, timeout, trafficPolicy and replicas when present") {
    OneLine log;
    const Json vs = {
        {"spec",
         {{"http", Json::array({{{"route", route(100, 0, 0)},
                                 {"timeout", "2s"},
                                 {"retries", {{"attempts", 3}, {"perTryTimeout", "1s"}, {"retryOn", "5xx"}}}}})}}}};
    const std::string vsBody = log.write("PATCH", kVs, vs)["body"];
    CAPTURE(vsBody);
    CHECK(vsBody.find("timeout=2s") != std::string::npos);
    CHECK(vsBody.find("retries=3x1s on 5xx") != std::string::npos);

    const Json dr = {
        {"spec",
         {{"trafficPolicy",
           {{"connectionPool", {{"tcp", {{"maxConnections", 1}}}, {"http", {{"http1MaxPendingRequests", 1}}}}},
            {"outlierDetection", {{"consecutive5xxErrors", 1}, {"interval", "1s"}, {"baseEjectionTime", "30s"}}}}}}}};
    const std::string drBody =
        log.write("PATCH", "/apis/networking.istio.io/v1/namespaces/default/destinationrules/reviews", dr)["body"];
    CAPTURE(drBody);
    CHECK(drBody.find("connectionPool.tcp.maxConnections=1") != std::string::npos);
    CHECK(drBody.find("connectionPool.http.http1MaxPendingRequests=1") != std::string::npos);
    CHECK(drBody.find("outlierDetection.consecutive5xxErrors=1") != std::string::npos);

    const std::string scale = log.write("PATCH", "/apis/apps/v1/namespaces/default/deployments/ratings-v1/scale",
                                        {{"spec", {{"replicas", 3}}}})["body"];
    CHECK(scale.find("replicas=3") != std::string::npos);
}

TEST_CASE("audit summary: a delete's uid precondition") {
    OneLine log;
    const Json line = log.write("DELETE", kVs, Json{{"preconditions", {{"uid", "u-1"}}}}, "the connection broke");
    CHECK(line["result"]["error"] == "the connection broke");
    CHECK(line["body"].get<std::string>().find("if uid=u-1") != std::string::npos);
}
