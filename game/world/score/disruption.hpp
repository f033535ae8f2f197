#pragma once
// A disruptive action as the resilience score sees it: what was done and to
// which target. The target names what the action's weight is looked up by
// and what its recovery is followed on: the
// Deployment for a pod delete or a scale down ("details-v1"), the
// VirtualService for a weight shift ("reviews"), the service for a fault.
#include <cstdint>
#include <string>
#include <string_view>

namespace meshlings::world {

enum class DisruptionKind : std::uint8_t {
    PodDelete,    // recovers when a replacement pod is Ready and the probe is good again
    WeightShift,  // recovers when the probe is good again
    Fault,        // an injected fault (abort, delay); recovers when the probe is good again
    ScaleDown,    // fewer replicas; recovers when the probe is good again
};

struct Disruption {
    DisruptionKind kind = DisruptionKind::PodDelete;
    std::string target;
    std::string pod;  // PodDelete: the pod deleted (it does not count as its own replacement)

    bool operator==(const Disruption&) const = default;
};

std::string_view disruptionKindName(DisruptionKind kind);  // "delete", "shift", "fault", "scale-down"

}  // namespace meshlings::world
