#pragma once
// Writes core/v1 Events the way the kubelet and controllers do ("Scheduled",
// "Killing", "ScalingReplicaSet"), so `kubectl get events` and `describe`
// tell the same story as on a real cluster. Old events are dropped past a cap,
// as the real API server expires them.
#include <deque>
#include <string>

#include "simcluster/cluster_context.hpp"

namespace meshlings::sim {

class EventRecorder {
public:
    explicit EventRecorder(ClusterContext& context) : m_context(context) {}

    void record(const nlohmann::json& involved, const std::string& type, const std::string& reason,
                const std::string& message, const std::string& component, const std::string& fieldPath = "");

    static constexpr std::size_t kMaxEvents = 2000;

private:
    ClusterContext& m_context;
    std::deque<std::pair<std::string, std::string>> m_names;  // namespace, name; oldest first
};

}  // namespace meshlings::sim
