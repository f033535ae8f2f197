#pragma once
// A ClusterRequest with only its id and kind set, as the bridge tests hand
// them to the bridge, the router and the executor.
#include <cstdint>

#include "world/model/cluster_request.hpp"

namespace meshlings::testing {

inline world::ClusterRequest requestOf(std::uint64_t id, world::ClusterRequestKind kind) {
    world::ClusterRequest request;
    request.id = id;
    request.kind = kind;
    return request;
}

}  // namespace meshlings::testing
