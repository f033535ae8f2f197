// Pods on their platforms: states as observed, stable slots, the "gone" look,
// shake and sparkle effects, the selection.
#include "world/model/pod_board.hpp"

#include <doctest/doctest.h>

#include "collecting_sink.hpp"

using namespace meshlings::world;
using meshlings::world::test::CollectingSink;

namespace {

PodObservation pod(const std::string& name, const std::string& app, const std::string& version, PodState state) {
    PodObservation p;
    p.name = name;
    p.deployment = app + "-" + version;
    p.app = app;
    p.version = version;
    p.state = state;
    p.totalContainers = 2;
    p.readyContainers = state == PodState::Ready ? 2 : 0;
    return p;
}

}  // namespace

TEST_CASE("PodBoard: a pod goes through its states on its platform; each change is timed") {
    BookinfoMap map;
    PodBoard board(map);
    CollectingSink sink;
    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::Pending), Tick{1}, sink);
    const Pod* p = board.find("reviews-v2-a");
    REQUIRE(p != nullptr);
    CHECK(p->node == MapNode::ReviewsV2);
    CHECK(p->slot == 0);
    CHECK(p->at == map.podSlot(MapNode::ReviewsV2, 0));
    CHECK(board.recoveringCount() == 1);

    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::ContainerCreating), Tick{5}, sink);
    CHECK(p->stateSince == Tick{5});
    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::ContainerCreating), Tick{9}, sink);
    CHECK(p->stateSince == Tick{5});  // no change, no new timing
    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::RunningNotReady), Tick{10}, sink);
    CHECK(sink.all<RecoverySparkle>().empty());
    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::Ready), Tick{20}, sink);
    CHECK(sink.all<RecoverySparkle>().size() == 1);
    CHECK(board.recoveringCount() == 0);
    CHECK(board.readyCount("reviews-v2") == 1);

    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::Terminating), Tick{30}, sink);
    REQUIRE(sink.all<PodShake>().size() == 1);
    CHECK(sink.all<PodShake>()[0].node == MapNode::ReviewsV2);
    CHECK(board.downCount() == 1);

    board.upsert(pod("reviews-v2-a", "reviews", "v2", PodState::CrashLoopBackOff), Tick{31}, sink);
    CHECK(board.downCount() == 1);
}

TEST_CASE("PodBoard: slots are stable; a deleted pod shows as gone, then frees its slot") {
    BookinfoMap map;
    PodBoard board(map);
    NullEffectSink sink;
    board.upsert(pod("details-a", "details", "v1", PodState::Ready), Tick{0}, sink);
    board.upsert(pod("details-b", "details", "v1", PodState::Ready), Tick{0}, sink);
    board.upsert(pod("details-c", "details", "v1", PodState::Ready), Tick{0}, sink);
    CHECK(board.find("details-b")->slot == 1);

    board.markGone("details-b", Tick{10});
    CHECK(board.find("details-b")->gone);
    board.upsert(pod("details-d", "details", "v1", PodState::Pending), Tick{11}, sink);
    CHECK(board.find("details-d")->slot == 3);  // slot 1 still shows the gone pod
    board.step(Tick{10 + PodBoard::kGoneTicks - 1});
    CHECK(board.find("details-b") != nullptr);
    board.step(Tick{10 + PodBoard::kGoneTicks});
    CHECK(board.find("details-b") == nullptr);
    board.upsert(pod("details-e", "details", "v1", PodState::Pending), Tick{200}, sink);
    CHECK(board.find("details-e")->slot == 1);
    CHECK(board.find("details-c")->slot == 2);
}

TEST_CASE("PodBoard: first sight as Ready does not sparkle; non-Bookinfo pods are kept off the map") {
    BookinfoMap map;
    PodBoard board(map);
    CollectingSink sink;
    board.upsert(pod("ratings-a", "ratings", "v1", PodState::Ready), Tick{0}, sink);
    board.upsert(pod("redis-a", "redis", "", PodState::Ready), Tick{0}, sink);
    CHECK(sink.effects.empty());
    CHECK_FALSE(board.find("redis-a")->node.has_value());
    CHECK(board.inMapOrder().size() == 1);
}

TEST_CASE("PodBoard: selection cycles in map order and clears when the pod goes") {
    BookinfoMap map;
    PodBoard board(map);
    NullEffectSink sink;
    board.upsert(pod("ratings-a", "ratings", "v1", PodState::Ready), Tick{0}, sink);
    board.upsert(pod("productpage-a", "productpage", "v1", PodState::Ready), Tick{0}, sink);
    board.upsert(pod("reviews-v1-a", "reviews", "v1", PodState::Ready), Tick{0}, sink);
    board.cycle(1);
    CHECK(board.selected() == "productpage-a");
    board.cycle(1);
    CHECK(board.selected() == "reviews-v1-a");
    board.cycle(1);
    CHECK(board.selected() == "ratings-a");
    board.cycle(1);
    CHECK(board.selected() == "productpage-a");
    board.cycle(-1);
    CHECK(board.selected() == "ratings-a");
    const Pod* picked = board.podAt(board.find("ratings-a")->at + Vec2{0.2F, -0.5F});
    REQUIRE(picked != nullptr);
    CHECK(picked->observed.name == "ratings-a");
    CHECK(board.podAt(Vec2{0, 0}) == nullptr);
    board.select("nope");
    CHECK(board.selected().empty());
    board.select("reviews-v1-a");
    board.markGone("reviews-v1-a", Tick{3});
    CHECK(board.selected().empty());
}
