// `kubectl cordon` (spec.unschedulable) is respected by the scheduler (issue 19).
#include <doctest/doctest.h>

#include "bookinfo_fixture.hpp"

using namespace meshlings::sim;
using meshlings::sim::testing::BookinfoFixture;
using Json = nlohmann::json;

namespace {

void cordon(BookinfoFixture& bookinfo, const std::string& node, bool unschedulable) {
    const auto& nodes = ResourceRegistry::byKind("Node");
    Json object = *bookinfo.cluster().store().get(nodes, "", node);
    object["spec"]["unschedulable"] = unschedulable;
    bookinfo.cluster().store().update(nodes, object);
}

}  // namespace

TEST_CASE("cordoned nodes get no new pods; with every node cordoned a pod stays Pending") {
    // Expected: new pods land on the one schedulable node. Observed before: the least-loaded node, cordoned or not.
    BookinfoFixture bookinfo;
    const auto& nodes = bookinfo.cluster().kubelet().nodes();
    REQUIRE(nodes.size() >= 2);
    const std::string open = nodes.back().name;
    for (const auto& node : nodes) {
        if (node.name != open) cordon(bookinfo, node.name, true);
    }
    const std::string seeded = bookinfo.pods("app=productpage").at(0)["metadata"]["name"];  // cordon evicts nothing
    bookinfo.scale("productpage-v1", 5);
    bookinfo.run(5000);
    const auto pods = bookinfo.pods("app=productpage");
    CHECK(pods.size() == 5);
    for (const auto& pod : pods) {
        if (pod["metadata"]["name"] != seeded) CHECK(pod["spec"].value("nodeName", "") == open);
    }
    cordon(bookinfo, open, true);
    bookinfo.scale("productpage-v1", 6);
    bookinfo.run(8000);
    std::size_t pending = 0;
    for (const auto& pod : bookinfo.pods("app=productpage")) pending += pod["spec"].contains("nodeName") ? 0 : 1;
    CHECK(pending == 1);
    cordon(bookinfo, open, false);
    bookinfo.run(8000);
    CHECK(bookinfo.readyPods("app=productpage") == 6);
}
