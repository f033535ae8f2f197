#pragma once
// Turns a Pod object into the world's PodObservation: the state `kubectl get
// pods` would print (Terminating, CrashLoopBackOff, ContainerCreating, ...)
// reduced to the looks the game draws, the READY count, restarts, owner
// Deployment and age. Tolerates any shape of object: missing or mistyped
// fields give defaults, never an exception.
#include <nlohmann/json.hpp>

#include "world/model/pod_observation.hpp"

namespace meshlings::bridge {

class PodDistiller {
public:
    static world::PodObservation distill(const nlohmann::json& pod);
    static world::PodState stateOf(const nlohmann::json& pod);
    // The Deployment that owns the pod through its ReplicaSet: the ReplicaSet's
    // name without its pod-template-hash suffix; empty when not so owned.
    static std::string deploymentOf(const nlohmann::json& pod);
    // RFC 3339 "2026-11-26T05:00:00Z" as Unix seconds; 0 when unreadable.
    static std::int64_t unixSeconds(const std::string& timestamp);
};

}  // namespace meshlings::bridge
