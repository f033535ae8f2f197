// deploy/rbac.yaml grants exactly what the doctor asks about: the same
// (group, resource, verb) triples as gameAccessNeeds(), nothing cluster-wide,
// no secrets, no wildcards.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <tuple>

#include "client/doctor_access_needs.hpp"

using namespace meshlings::k8s;

namespace {

using Triple = std::tuple<std::string, std::string, std::string>;  // group, resource[/sub], verb

std::string rbacPath() {
    return std::string(MESHLINGS_SOURCE_DIR) + "/deploy/rbac.yaml";
}

std::set<Triple> tableTriples() {
    std::set<Triple> triples;
    for (const auto& need : gameAccessNeeds()) {
        const std::string resource = need.resource + (need.subresource.empty() ? "" : "/" + need.subresource);
        triples.insert({need.group, resource, need.verb});
    }
    return triples;
}

std::set<Triple> roleTriples(const YAML::Node& role) {
    std::set<Triple> triples;
    for (const auto& rule : role["rules"]) {
        for (const auto& group : rule["apiGroups"]) {
            for (const auto& resource : rule["resources"]) {
                for (const auto& verb : rule["verbs"])
                    triples.insert({group.as<std::string>(), resource.as<std::string>(), verb.as<std::string>()});
            }
        }
    }
    return triples;
}

}  // namespace

TEST_CASE("deploy/rbac.yaml grants exactly the verbs of the doctor's table") {
    const auto documents = YAML::LoadAllFromFile(rbacPath());
    std::set<std::string> kinds;
    std::set<Triple> granted;
    for (const auto& document : documents) {
        const std::string kind = document["kind"].as<std::string>();
        kinds.insert(kind);
        CHECK_MESSAGE(kind.rfind("Cluster", 0) != 0, "nothing cluster-wide: ", kind);
        CHECK_MESSAGE(document["metadata"]["name"].as<std::string>() == "meshlings", kind);
        CHECK_MESSAGE(!document["metadata"]["namespace"], "the namespace comes from kubectl -n: ", kind);
        if (kind == "Role") granted = roleTriples(document);
        if (kind == "RoleBinding") {
            CHECK(document["roleRef"]["kind"].as<std::string>() == "Role");
            CHECK(document["subjects"][0]["kind"].as<std::string>() == "ServiceAccount");
        }
    }
    CHECK(kinds == std::set<std::string>{"ServiceAccount", "Role", "RoleBinding"});

    const std::set<Triple> needed = tableTriples();
    for (const auto& [group, resource, verb] : granted) {
        CHECK_MESSAGE(needed.count({group, resource, verb}) == 1, "granted but not used: ", verb, " ", resource,
                      " in group \"", group, "\"");
        CHECK(group != "*");
        CHECK(resource != "*");
        CHECK(verb != "*");
        CHECK(resource != "secrets");
    }
    for (const auto& [group, resource, verb] : needed) {
        CHECK_MESSAGE(granted.count({group, resource, verb}) == 1, "used but not granted: ", verb, " ", resource,
                      " in group \"", group, "\"");
    }
    CHECK(granted.size() == gameAccessNeeds().size());
}

TEST_CASE("the table names resources as kubectl does") {
    CHECK(qualifiedResource({"delete", "", "pods", ""}) == "pods");
    CHECK(qualifiedResource({"patch", "apps", "deployments", "scale"}) == "deployments.apps/scale");
    CHECK(qualifiedResource({"patch", "networking.istio.io", "virtualservices", ""}) ==
          "virtualservices.networking.istio.io");
    bool scale = false;
    for (const auto& need : gameAccessNeeds())
        scale = scale || (need.resource == "deployments" && need.subresource == "scale");
    CHECK(scale);
}
