#pragma once
// The Bookinfo map: where each service stands on the tile grid, laid out like
// the Bookinfo architecture diagram (ingress top left, productpage, details
// above and reviews below to the right, ratings far right, the exit to the
// user's browser bottom left), the walkways between them and the slots where
// pods stand. Fixed data, made once per world; the renderer draws it and the
// route planner walks it. Coordinates are in tiles (see vec2.hpp).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "world/model/reviews_weights.hpp"
#include "world/model/vec2.hpp"

namespace meshlings::world {

enum class MapNode : std::uint8_t {
    Ingress,  // the entrance hatch
    ProductPage,
    Details,
    Reviews,  // the reviews Service: the junction where the VirtualService splits traffic
    ReviewsV1,
    ReviewsV2,
    ReviewsV3,
    Ratings,
    Exit,  // the user's browser: served requests go home here
};
inline constexpr std::size_t kMapNodeCount = 9;

struct Platform {
    MapNode node = MapNode::Ingress;
    std::string_view name;  // sign text: "productpage", "reviews v2", ...
    Vec2 anchor;            // where walkways meet it and meshlings turn around
    float left = 0;         // the standing surface: from x = left, `width` tiles long, at y = anchor.y
    int width = 0;          // 0 for the hatch, the junction and the exit
    bool hostsPods = false;
    common::ReviewsVersion version = common::ReviewsVersion::None;  // stars on the sign
};

// A walkway between two nodes; `points` run from `from` to `to` (first and
// last are the anchors). Meshlings walk it in either direction.
struct MapEdge {
    MapNode from = MapNode::Ingress;
    MapNode to = MapNode::Ingress;
    std::vector<Vec2> points;
};

class BookinfoMap {
public:
    static constexpr int kWidthTiles = 40;
    static constexpr int kHeightTiles = 22;
    static constexpr int kSlotsPerRow = 6;  // pods past this stack in a row above

    BookinfoMap();

    const Platform& platform(MapNode node) const { return m_platforms[static_cast<std::size_t>(node)]; }
    const std::array<Platform, kMapNodeCount>& platforms() const { return m_platforms; }
    const std::vector<MapEdge>& edges() const { return m_edges; }

    // The index in edges() of the walkway joining a and b (either order), if any.
    std::optional<std::size_t> edgeBetween(MapNode a, MapNode b) const;
    // The walkway's points from a to b (reversed when the edge runs b to a); empty when none.
    std::vector<Vec2> walk(MapNode a, MapNode b) const;

    // Where the pod in `slot` of a node's platform stands (feet, tile units).
    Vec2 podSlot(MapNode node, int slot) const;

    // The platform a pod stands on, from its `app` and `version` labels.
    static std::optional<MapNode> nodeForPod(std::string_view app, std::string_view version);
    static MapNode nodeForVersion(common::ReviewsVersion version);

private:
    std::array<Platform, kMapNodeCount> m_platforms{};
    std::vector<MapEdge> m_edges;
};

std::string_view mapNodeName(MapNode node);

}  // namespace meshlings::world
