// The RequestRouter alone, with a recording sender in place of the cluster:
// requests go on in order; a protected namespace, a halt or no cluster
// answers each one Refused, unsent, with its reason.
#include "bridge/request_router.hpp"

#include <doctest/doctest.h>

#include "request_of.hpp"

using namespace meshlings;

namespace {

std::vector<world::ClusterRequest> three() {
    return {meshlings::testing::requestOf(1, world::ClusterRequestKind::DeletePod),
            meshlings::testing::requestOf(2, world::ClusterRequestKind::SetWeights),
            meshlings::testing::requestOf(3, world::ClusterRequestKind::ScaleDeployment)};
}

}  // namespace

TEST_CASE("RequestRouter: every request to the one sender, in order, none refused") {
    std::vector<std::uint64_t> sent;
    bridge::RequestRouter router([&sent](world::ClusterRequest r) { sent.push_back(r.id); }, "");
    router.route(three());
    CHECK(sent == std::vector<std::uint64_t>{1, 2, 3});
    CHECK(router.takeRefusals().empty());
}

TEST_CASE("RequestRouter: a refused namespace, a halt, no cluster: answered Refused here, never sent") {
    std::vector<std::uint64_t> sent;
    const auto record = [&sent](world::ClusterRequest r) { sent.push_back(r.id); };

    SUBCASE("a protected namespace") {
        bridge::RequestRouter router(record, "namespace kube-system is protected");
        router.route(three());
        const auto refusals = router.takeRefusals();
        REQUIRE(refusals.size() == 3);
        CHECK(refusals[1].requestId == 2);
        CHECK(refusals[1].outcome == world::ApiOutcome::Refused);
        CHECK(refusals[1].message == "namespace kube-system is protected");
        CHECK(router.takeRefusals().empty());  // taken once
    }
    SUBCASE("after refuseAll (the halt): the first reason stays") {
        bridge::RequestRouter router(record, "");
        router.route({meshlings::testing::requestOf(1, world::ClusterRequestKind::DeletePod)});
        router.refuseAll("HALTED");
        router.refuseAll("later");
        router.route({meshlings::testing::requestOf(2, world::ClusterRequestKind::SetWeights)});
        CHECK(sent == std::vector<std::uint64_t>{1});
        const auto refusals = router.takeRefusals();
        REQUIRE(refusals.size() == 1);
        CHECK(refusals[0].requestId == 2);
        CHECK(refusals[0].message == "HALTED");
    }
    SUBCASE("no cluster") {
        bridge::RequestRouter router({}, "");
        router.route(three());
        const auto refusals = router.takeRefusals();
        REQUIRE(refusals.size() == 3);
        CHECK(refusals[0].message == "not connected to a cluster");
    }
    CHECK(sent.size() <= 1);
}

TEST_CASE("RequestRouter::refusalFor: the target alone by default, a system namespace only by the flag") {
    CHECK(bridge::RequestRouter::refusalFor("bookinfo", {}).empty());
    CHECK_FALSE(bridge::RequestRouter::refusalFor("kube-system", {}).empty());
    CHECK(bridge::RequestRouter::refusalFor("kube-system", bridge::NamespacePolicy{{}, {"kube-system"}}).empty());
}
