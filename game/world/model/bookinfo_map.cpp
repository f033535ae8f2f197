#include "world/model/bookinfo_map.hpp"

#include <algorithm>

namespace meshlings::world {
namespace {

Platform platformAt(MapNode node, std::string_view name, Vec2 anchor, int width, common::ReviewsVersion version) {
    Platform p;
    p.node = node;
    p.name = name;
    p.anchor = anchor;
    p.width = width;
    p.left = anchor.x - static_cast<float>(width) / 2.0F;
    p.hostsPods = width > 0;
    p.version = version;
    return p;
}

}  // namespace

BookinfoMap::BookinfoMap() {
    using enum MapNode;
    constexpr auto kNone = common::ReviewsVersion::None;
    auto set = [this](const Platform& p) { m_platforms[static_cast<std::size_t>(p.node)] = p; };
    set(platformAt(Ingress, "ingress", {3, 3}, 0, kNone));
    set(platformAt(ProductPage, "productpage", {9, 9}, 6, kNone));
    set(platformAt(Details, "details", {23, 4}, 6, kNone));
    set(platformAt(Reviews, "reviews", {17, 13}, 0, kNone));
    set(platformAt(ReviewsV1, "reviews v1", {25, 10}, 6, common::ReviewsVersion::V1));
    set(platformAt(ReviewsV2, "reviews v2", {25, 14}, 6, common::ReviewsVersion::V2));
    set(platformAt(ReviewsV3, "reviews v3", {25, 18}, 6, common::ReviewsVersion::V3));
    set(platformAt(Ratings, "ratings", {35, 14}, 6, kNone));
    set(platformAt(Exit, "exit", {3, 17}, 0, kNone));

    m_edges = {
        {Ingress, ProductPage, {{3, 3}, {3, 9}, {9, 9}}},
        {ProductPage, Details, {{9, 9}, {15, 9}, {15, 4}, {23, 4}}},
        {ProductPage, Reviews, {{9, 9}, {12, 9}, {12, 13}, {17, 13}}},
        {Reviews, ReviewsV1, {{17, 13}, {19, 13}, {19, 10}, {25, 10}}},
        {Reviews, ReviewsV2, {{17, 13}, {19, 13}, {19, 14}, {25, 14}}},
        {Reviews, ReviewsV3, {{17, 13}, {19, 13}, {19, 18}, {25, 18}}},
        {ReviewsV2, Ratings, {{25, 14}, {35, 14}}},
        {ReviewsV3, Ratings, {{25, 18}, {30, 18}, {30, 14}, {35, 14}}},
        {ProductPage, Exit, {{9, 9}, {7, 9}, {7, 17}, {3, 17}}},
    };
}

std::optional<std::size_t> BookinfoMap::edgeBetween(MapNode a, MapNode b) const {
    for (std::size_t i = 0; i < m_edges.size(); ++i) {
        const MapEdge& e = m_edges[i];
        if ((e.from == a && e.to == b) || (e.from == b && e.to == a)) return i;
    }
    return std::nullopt;
}

std::vector<Vec2> BookinfoMap::walk(MapNode a, MapNode b) const {
    const auto index = edgeBetween(a, b);
    if (!index) return {};
    std::vector<Vec2> points = m_edges[*index].points;
    if (m_edges[*index].from != a) std::reverse(points.begin(), points.end());
    return points;
}

Vec2 BookinfoMap::podSlot(MapNode node, int slot) const {
    const Platform& p = platform(node);
    const int column = slot % kSlotsPerRow;
    const int row = slot / kSlotsPerRow;
    // The second row stands a pod and a half above the first; rows past it
    // close up (each peeks over the one in front) and stop below the top of
    // the map, so a Deployment scaled to 50 stays on screen.
    const float rise = row <= 1 ? 1.5F * static_cast<float>(row) : 1.5F + 0.75F * static_cast<float>(row - 1);
    const float highest = std::max(1.5F, std::min(4.5F, p.anchor.y - 2.5F));
    return {p.left + 0.5F + static_cast<float>(column), p.anchor.y - std::min(rise, highest)};
}

std::optional<MapNode> BookinfoMap::nodeForPod(std::string_view app, std::string_view version) {
    if (app == "productpage") return MapNode::ProductPage;
    if (app == "details") return MapNode::Details;
    if (app == "ratings") return MapNode::Ratings;
    if (app == "reviews") {
        const auto v = common::reviewsVersionFromName(version);
        if (v && *v != common::ReviewsVersion::None) return nodeForVersion(*v);
    }
    return std::nullopt;
}

MapNode BookinfoMap::nodeForVersion(common::ReviewsVersion version) {
    switch (version) {
        case common::ReviewsVersion::V1:
            return MapNode::ReviewsV1;
        case common::ReviewsVersion::V2:
            return MapNode::ReviewsV2;
        case common::ReviewsVersion::V3:
            return MapNode::ReviewsV3;
        case common::ReviewsVersion::None:
        case common::ReviewsVersion::Unknown:
            break;
    }
    return MapNode::Reviews;
}

std::string_view mapNodeName(MapNode node) {
    static const BookinfoMap kMap;
    return kMap.platform(node).name;
}

}  // namespace meshlings::world
