// The Eviction subresource and PodDisruptionBudgets over HTTP (issue 19, Nodes):
// what `kubectl drain` sends (policy/v1 Eviction, JSON or protobuf) and what
// kube-apiserver answers (201 Success, or 429 with the DisruptionBudget cause).
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "server_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::kPods;
using meshlings::sim::testing::ServerFixture;
using Json = nlohmann::json;

namespace {

constexpr const char* kBudgets = "/apis/policy/v1/namespaces/default/poddisruptionbudgets";

std::string podOf(ServerFixture& f, const std::string& selector) {
    std::string query;
    for (const char c : selector) query += c == '=' ? "%3D" : c == ',' ? "%2C" : std::string(1, c);
    const auto result = f.api().Get(std::string(kPods) + "?labelSelector=" + query);
    REQUIRE(result);
    const Json list = ServerFixture::json(result);
    for (const auto& pod : list["items"]) {
        if (!pod["metadata"].contains("deletionTimestamp")) return pod["metadata"]["name"];
    }
    FAIL("no live pod for " << selector);
    return "";
}

httplib::Result evict(ServerFixture& f, const std::string& pod, const std::string& version = "policy/v1") {
    const Json eviction{{"apiVersion", version},
                        {"kind", "Eviction"},
                        {"metadata", {{"name", pod}, {"namespace", "default"}}},
                        {"deleteOptions", {{"gracePeriodSeconds", 1}}}};
    return f.api().Post(std::string(kPods) + "/" + pod + "/eviction", eviction.dump(), "application/json");
}

// The budget once the disruption controller has seen its generation (a condition, not a sleep, ends the wait).
Json observedBudget(ServerFixture& f, const std::string& name) {
    for (int i = 0; i < 500; ++i) {
        const auto result = f.api().Get(std::string(kBudgets) + "/" + name);
        REQUIRE(result);
        const Json budget = ServerFixture::json(result);
        if (budget["status"].value("observedGeneration", 0) >= budget["metadata"].value("generation", 1)) return budget;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the budget was never synced");
    return {};
}

void createBudget(ServerFixture& f, const std::string& name, const Json& spec) {
    const Json budget{
        {"apiVersion", "policy/v1"}, {"kind", "PodDisruptionBudget"}, {"metadata", {{"name", name}}}, {"spec", spec}};
    const auto result = f.api().Post(kBudgets, budget.dump(), "application/json");
    REQUIRE(result);
    REQUIRE(result->status == 201);
}

}  // namespace

TEST_CASE("an eviction with no budget deletes the pod gracefully and answers 201 Success") {
    // Expected: 201 {"status":"Success","code":201}, the pod Terminating with DisruptionTarget. Observed before: 404.
    ServerFixture f;
    const std::string pod = podOf(f, "app=details");
    const auto result = evict(f, pod);
    REQUIRE(result);
    CHECK(result->status == 201);
    const Json status = ServerFixture::json(result);
    CHECK(status["kind"] == "Status");
    CHECK(status["status"] == "Success");
    CHECK(status["code"] == 201);
    const Json after = ServerFixture::json(f.api().Get(std::string(kPods) + "/" + pod));
    CHECK(after["metadata"]["deletionGracePeriodSeconds"] == 1);
    bool target = false;
    for (const auto& c : after["status"]["conditions"]) {
        target = target || (c["type"] == "DisruptionTarget" && c["status"] == "True" &&
                            c["reason"] == "EvictionByEvictionAPI" && c["message"] == "Eviction API: evicting");
    }
    CHECK(target);
    CHECK(evict(f, "nope-pod")->status == 404);
}

TEST_CASE("a budget that allows no disruption answers 429 with the real message and cause, without Retry-After") {
    // Expected: kube-apiserver's checkAndDecrement: 429 TooManyRequests and a DisruptionBudget cause.
    ServerFixture f;
    createBudget(f, "productpage", {{"minAvailable", 1}, {"selector", {{"matchLabels", {{"app", "productpage"}}}}}});
    const Json budget = observedBudget(f, "productpage");
    CHECK(budget["status"]["expectedPods"] == 1);
    CHECK(budget["status"]["desiredHealthy"] == 1);
    CHECK(budget["status"]["currentHealthy"] == 1);
    CHECK(budget["status"]["disruptionsAllowed"] == 0);
    CHECK(budget["status"]["conditions"][0]["type"] == "DisruptionAllowed");
    CHECK(budget["status"]["conditions"][0]["status"] == "False");
    CHECK(budget["status"]["conditions"][0]["reason"] == "InsufficientPods");
    const auto result = evict(f, podOf(f, "app=productpage"));
    REQUIRE(result);
    CHECK(result->status == 429);
    CHECK_FALSE(result->has_header("Retry-After"));
    const Json status = ServerFixture::json(result);
    CHECK(status["reason"] == "TooManyRequests");
    CHECK(status["message"] == "Cannot evict pod as it would violate the pod's disruption budget.");
    CHECK(status["details"]["causes"][0]["reason"] == "DisruptionBudget");
    CHECK(status["details"]["causes"][0]["message"] ==
          "The disruption budget productpage needs 1 healthy pods and has 1 currently");
}

TEST_CASE("maxUnavailable as a percent counts against the Deployments' scale, rounding up; one eviction spends one") {
    // reviews: three Deployments of 1 replica. 50 % of 3 rounds up to 2 unavailable: desired 1, allowed 2.
    ServerFixture f;
    createBudget(f, "reviews", {{"maxUnavailable", "50%"}, {"selector", {{"matchLabels", {{"app", "reviews"}}}}}});
    Json budget = observedBudget(f, "reviews");
    CHECK(budget["status"]["expectedPods"] == 3);
    CHECK(budget["status"]["desiredHealthy"] == 1);
    CHECK(budget["status"]["disruptionsAllowed"] == 2);
    CHECK(budget["status"]["conditions"][0]["reason"] == "SufficientPods");
    const std::string pod = podOf(f, "app=reviews,version=v1");
    REQUIRE(evict(f, pod, "policy/v1beta1")->status == 201);
    budget = ServerFixture::json(f.api().Get(std::string(kBudgets) + "/reviews"));
    CHECK(budget["status"]["disruptionsAllowed"] == 1);
    const auto table = f.api().Get(kBudgets, {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}});
    const Json row = ServerFixture::json(table)["rows"][0]["cells"];
    CHECK(row[0] == "reviews");
    CHECK(row[1] == "N/A");
    CHECK(row[2] == "50%");
    CHECK(row[3] == 1);
}

TEST_CASE("kubectl's protobuf Eviction is read, its deleteOptions honoured") {
    // Expected: kubectl drain's typed client sends "k8s\0" + runtime.Unknown{policy/v1 Eviction}. Observed before: 415.
    ServerFixture f;
    const std::string pod = podOf(f, "app=ratings");
    auto bytes = [](int field, const std::string& data) {
        return std::string(1, static_cast<char>(field << 3 | 2)) + static_cast<char>(data.size()) + data;
    };
    const std::string meta = bytes(1, pod) + bytes(3, "default");
    const std::string options = std::string(1, static_cast<char>(1 << 3)) + static_cast<char>(3);  // grace 3 s
    const std::string raw = bytes(1, meta) + bytes(2, options);
    const std::string body =
        std::string("k8s\0", 4) + bytes(1, bytes(1, "policy/v1") + bytes(2, "Eviction")) + bytes(2, raw);
    const auto result =
        f.api().Post(std::string(kPods) + "/" + pod + "/eviction", body, "application/vnd.kubernetes.protobuf");
    REQUIRE(result);
    CHECK(result->status == 201);
    const Json after = ServerFixture::json(f.api().Get(std::string(kPods) + "/" + pod));
    CHECK(after["metadata"]["deletionGracePeriodSeconds"] == 3);
}
