// The namespace guard alone (which namespaces are allowed, protected, named
// by the flags), then through the RequestRouter against the built-in cluster:
// a refused namespace answers Refused with the guard's reason and the pod is
// untouched; an allowed one reaches the API server.
#include "bridge/namespace_guard.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "bridge/request_executor.hpp"
#include "bridge/request_router.hpp"
#include "client/core_calls.hpp"
#include "cluster_fixture.hpp"

using namespace meshlings;
using bridge::NamespaceGuard;
using bridge::NamespacePolicy;
using k8s::testing::ClusterFixture;

namespace {

// Sets POD_NAMESPACE for one scope.
class PodNamespace {
public:
    explicit PodNamespace(const std::string& value) { ::setenv("POD_NAMESPACE", value.c_str(), 1); }
    ~PodNamespace() { ::unsetenv("POD_NAMESPACE"); }
    PodNamespace(const PodNamespace&) = delete;
    PodNamespace& operator=(const PodNamespace&) = delete;
};

world::ClusterRequest deleteOf(const std::string& pod) {
    world::ClusterRequest r;
    r.id = 1;
    r.kind = world::ClusterRequestKind::DeletePod;
    r.pod = pod;
    return r;
}

std::string firstPod(k8s::KubeClient& client) {
    return k8s::listPods(client)["items"].at(0)["metadata"]["name"].get<std::string>();
}

}  // namespace

TEST_CASE("NamespaceGuard: the target alone by default; system namespaces and its own need the system flag") {
    const NamespaceGuard guard("bookinfo", {}, "meshlings");
    CHECK(guard.refusal("bookinfo").empty());
    CHECK(guard.refusal("shop") ==
          "namespace shop is not allowed (the target is bookinfo): allow it with --allow-namespace shop");
    for (const char* system : {"kube-system", "kube-public", "istio-system"}) {
        CHECK(guard.refusal(system) ==
              std::string{"namespace "} + system +
                  " is protected (a system namespace): allow it with --allow-system-namespace " + system);
    }
    CHECK(guard.refusal("meshlings") ==
          "namespace meshlings is protected (Meshlings runs in it): allow it with --allow-system-namespace meshlings");

    // Even as the target or named by --allow-namespace, a protected one stays refused.
    const NamespaceGuard targeted("kube-system", NamespacePolicy{{"istio-system", "shop"}, {}}, "");
    CHECK_FALSE(targeted.refusal("kube-system").empty());
    CHECK_FALSE(targeted.refusal("istio-system").empty());
    CHECK(targeted.refusal("shop").empty());

    const NamespaceGuard lifted("bookinfo", NamespacePolicy{{}, {"istio-system", "meshlings"}}, "meshlings");
    CHECK(lifted.refusal("istio-system").empty());
    CHECK(lifted.refusal("meshlings").empty());
    CHECK_FALSE(lifted.refusal("kube-system").empty());
}

TEST_CASE("NamespaceGuard::ownNamespace: POD_NAMESPACE, else the service account's file, else none") {
    const auto file = std::filesystem::temp_directory_path() / "meshlings-ns-guard-test-namespace";
    std::ofstream(file) << "chaos-team\n";
    ::unsetenv("POD_NAMESPACE");
    CHECK(NamespaceGuard::ownNamespace(file.string()) == "chaos-team");
    CHECK(NamespaceGuard::ownNamespace((file.string() + "-missing")).empty());
    {
        const PodNamespace env("from-env");
        CHECK(NamespaceGuard::ownNamespace(file.string()) == "from-env");
    }
    std::filesystem::remove(file);
}

TEST_CASE("RequestRouter: a change in a refused namespace is never sent; an allowed one reaches the server") {
    ClusterFixture fixture;
    auto client = fixture.client();
    const std::string victim = firstPod(client);
    const k8s::RestConfig config = fixture.restConfig();
    // One delete of the victim routed (refusing as `refusal`) to `executor`: the router's or the server's answer.
    const auto answer = [&victim](bridge::RequestExecutor& executor, const std::string& refusal) {
        std::optional<world::ClusterRequest> sent;
        bridge::RequestRouter router([&sent](world::ClusterRequest r) { sent = std::move(r); }, refusal);
        router.route({deleteOf(victim)});
        auto refusals = router.takeRefusals();
        if (sent) return executor.run(*sent, false);
        REQUIRE(refusals.size() == 1);
        return refusals[0];
    };

    SUBCASE("Meshlings runs in the target namespace (POD_NAMESPACE)") {
        const PodNamespace env(config.nameSpace);
        bridge::RequestExecutor executor(config, true);
        const world::ApiResult result = answer(executor, bridge::RequestRouter::refusalFor(config.nameSpace, {}));
        CHECK(result.outcome == world::ApiOutcome::Refused);
        CHECK(result.message.find("is protected (Meshlings runs in it)") != std::string::npos);
        CHECK_FALSE(k8s::getPod(client, victim)["metadata"].contains("deletionTimestamp"));
    }
    SUBCASE("kube-system as the target: refused; allowed by the system flag: the server answers") {
        k8s::RestConfig system = config;
        system.nameSpace = "kube-system";
        bridge::RequestExecutor executor(system, true);
        const world::ApiResult no = answer(executor, bridge::RequestRouter::refusalFor("kube-system", {}));
        CHECK(no.outcome == world::ApiOutcome::Refused);
        CHECK(no.message.find("namespace kube-system is protected") != std::string::npos);

        const world::ApiResult yes =
            answer(executor, bridge::RequestRouter::refusalFor("kube-system", NamespacePolicy{{}, {"kube-system"}}));
        CHECK(yes.outcome == world::ApiOutcome::Refused);  // no such pod in kube-system: the server's answer
        CHECK(yes.message.find("not found") != std::string::npos);
    }
    SUBCASE("the target namespace, allowed: the delete is made") {
        bridge::RequestExecutor executor(config, true);
        CHECK(answer(executor, bridge::RequestRouter::refusalFor(config.nameSpace, {})).outcome ==
              world::ApiOutcome::Accepted);
    }
}
