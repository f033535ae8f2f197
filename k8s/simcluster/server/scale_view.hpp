#pragma once
// The scale subresource (autoscaling/v1 Scale) of a Deployment or ReplicaSet:
// its replicas, and the selector as text (`kubectl scale`, the HPA's view).
#include <nlohmann/json.hpp>

namespace meshlings::sim {

class ScaleView {
public:
    static nlohmann::json of(const nlohmann::json& workload);
};

}  // namespace meshlings::sim
