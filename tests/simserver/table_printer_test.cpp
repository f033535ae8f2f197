// STATUS and READY as kubectl prints them (printers.go printPod).
#include "simcluster/server/table_printer.hpp"

#include <doctest/doctest.h>

#include "simcluster/pod_builder.hpp"

using namespace meshlings::sim;
using Json = nlohmann::json;

namespace {
Json replicaSet() {
    return {{"metadata", {{"name", "reviews-v1-abc"}, {"namespace", "default"}, {"uid", "u"}}},
            {"spec",
             {{"template",
               {{"metadata", {{"labels", {{"app", "reviews"}}}}},
                {"spec", {{"containers", {{{"name", "reviews"}, {"image", "r:1"}}}}}}}}}}};
}
}  // namespace

TEST_CASE("pod STATUS and READY follow the pod through its life") {
    Json pod = pod_builder::fromReplicaSet(replicaSet(), "reviews-v1-abc-x2x9k", true);
    CHECK(TablePrinter::podStatus(pod) == "Pending");
    CHECK(TablePrinter::podReady(pod) == "0/2");
    pod_builder::setScheduled(pod, "node", "2026-01-01T00:00:00Z");
    pod_builder::setContainerCreating(pod, "172.18.0.2", "2026-01-01T00:00:00Z");
    CHECK(TablePrinter::podStatus(pod) == "ContainerCreating");
    pod_builder::setRunning(pod, "10.244.0.9", "2026-01-01T00:00:01Z");
    CHECK(TablePrinter::podStatus(pod) == "Running");
    CHECK(TablePrinter::podReady(pod) == "0/2");
    pod_builder::setReady(pod, true, "2026-01-01T00:00:09Z");
    CHECK(TablePrinter::podReady(pod) == "2/2");
    pod["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:39Z";
    CHECK(TablePrinter::podStatus(pod) == "Terminating");
    pod_builder::setTerminated(pod, 0, "2026-01-01T00:00:15Z");
    CHECK(TablePrinter::podStatus(pod) == "Completed");
    CHECK(TablePrinter::podReady(pod) == "0/2");
}

TEST_CASE("tables carry kubectl's columns") {
    const Json pod = pod_builder::fromReplicaSet(replicaSet(), "p", false);
    const Json table = TablePrinter::table(ResourceRegistry::byKind("Pod"), {std::make_shared<const Json>(pod)}, 0,
                                           TablePrinter::IncludeObject::Metadata, true);
    std::vector<std::string> names;
    for (const auto& c : table["columnDefinitions"]) names.push_back(c["name"]);
    CHECK(names == std::vector<std::string>{"Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                                            "Nominated Node", "Readiness Gates"});
    CHECK(table["rows"][0]["object"]["kind"] == "PartialObjectMetadata");
    CHECK(table["rows"][0]["cells"][0] == "p");
}
