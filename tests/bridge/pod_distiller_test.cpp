// Pod objects as the API serves them -> what the world draws.
#include "bridge/pod_distiller.hpp"

#include <doctest/doctest.h>

using meshlings::bridge::PodDistiller;
using meshlings::world::PodState;
using Json = nlohmann::json;

namespace {

Json pod(const std::string& phase) {
    return {{"metadata",
             {{"name", "reviews-v2-5b64f47978-x7k2p"},
              {"creationTimestamp", "2026-11-26T05:00:10Z"},
              {"labels", {{"app", "reviews"}, {"version", "v2"}, {"pod-template-hash", "5b64f47978"}}},
              {"ownerReferences", {{{"kind", "ReplicaSet"}, {"name", "reviews-v2-5b64f47978"}}}}}},
            {"spec", {{"containers", {{{"name", "reviews"}}, {{"name", "istio-proxy"}}}}}},
            {"status", {{"phase", phase}}}};
}

Json withContainers(Json p, bool ready, const std::string& waitingReason = "", int restarts = 0) {
    Json state =
        waitingReason.empty() ? Json{{"running", Json::object()}} : Json{{"waiting", {{"reason", waitingReason}}}};
    p["status"]["containerStatuses"] = {
        {{"name", "reviews"}, {"ready", ready}, {"restartCount", restarts}, {"state", state}},
        {{"name", "istio-proxy"}, {"ready", true}, {"restartCount", 0}, {"state", {{"running", Json::object()}}}}};
    p["status"]["conditions"] = {{{"type", "Ready"}, {"status", ready ? "True" : "False"}}};
    return p;
}

}  // namespace

TEST_CASE("each phase of a pod's life reads as the state kubectl would print") {
    CHECK(PodDistiller::stateOf(pod("Pending")) == PodState::Pending);
    CHECK(PodDistiller::stateOf(withContainers(pod("Pending"), false, "ContainerCreating")) ==
          PodState::ContainerCreating);
    CHECK(PodDistiller::stateOf(withContainers(pod("Running"), false)) == PodState::RunningNotReady);
    CHECK(PodDistiller::stateOf(withContainers(pod("Running"), true)) == PodState::Ready);
    CHECK(PodDistiller::stateOf(withContainers(pod("Running"), false, "CrashLoopBackOff", 4)) ==
          PodState::CrashLoopBackOff);
    CHECK(PodDistiller::stateOf(withContainers(pod("Pending"), false, "ImagePullBackOff")) ==
          PodState::CrashLoopBackOff);
    Json leaving = withContainers(pod("Running"), true);
    leaving["metadata"]["deletionTimestamp"] = "2026-11-26T05:01:00Z";
    CHECK(PodDistiller::stateOf(leaving) == PodState::Terminating);
}

TEST_CASE("a Ready pod's observation: owner, labels, READY 2/2, restarts, age") {
    const auto observed = PodDistiller::distill(withContainers(pod("Running"), true, "", 3));
    CHECK(observed.name == "reviews-v2-5b64f47978-x7k2p");
    CHECK(observed.deployment == "reviews-v2");
    CHECK(observed.app == "reviews");
    CHECK(observed.version == "v2");
    CHECK(observed.readyContainers == 2);
    CHECK(observed.totalContainers == 2);
    CHECK(observed.restarts == 3);
    CHECK(observed.createdAtSeconds == 1795669210);
}

TEST_CASE("objects of any shape give defaults, never an exception") {
    for (const Json& odd : {Json(), Json::array(), Json(42), Json{{"metadata", "x"}}, Json{{"status", {{"phase", 7}}}},
                            Json{{"metadata", {{"ownerReferences", "no"}, {"labels", {{"app", 1}}}}}}}) {
        CAPTURE(odd.dump());
        const auto observed = PodDistiller::distill(odd);
        CHECK(observed.state == PodState::Pending);
        CHECK(observed.name.empty());
    }
    CHECK(PodDistiller::unixSeconds("yesterday") == 0);
}
