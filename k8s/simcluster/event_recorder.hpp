#pragma once
// Writes core/v1 Events the way the kubelet and controllers do ("Scheduled",
// "Killing", "ScalingReplicaSet"), so `kubectl get events` and `describe`
// tell the same story as on a real cluster. Events expire an hour after they
// were recorded (model time), as kube-apiserver's --event-ttl (default 1h)
// expires them, and the oldest go sooner past a cap of 1,000: a real cluster
// has no cap, but an Event costs about 2.7 KB here (JSON in the store), and a
// chaos session deletes a pod every few seconds, about 100 Events a minute;
// so Events fill their cap (about 3 MB) in ten minutes, not an hour, and the
// built-in cluster's memory then stays level (BENCHMARKS.md §9, the soak).
// A repeat (same object, field, reason and message) counts up the first one,
// as client-go's event correlator does, so `describe` shows "(x3 over 40s)".
#include <deque>
#include <string>
#include <unordered_map>

#include "simcluster/cluster_context.hpp"

namespace meshlings::sim {

class EventRecorder {
public:
    explicit EventRecorder(ClusterContext& context) : m_context(context) {}

    void record(const nlohmann::json& involved, const std::string& type, const std::string& reason,
                const std::string& message, const std::string& component, const std::string& fieldPath = "");

    static constexpr std::size_t kMaxEvents = 1000;
    static constexpr Millis kEventTtl = 60 * 60 * kSecond;  // kube-apiserver --event-ttl, default 1h

private:
    struct Recorded {
        std::string ns;
        std::string name;
        Millis at = 0;  // model time it was recorded
        std::string key;
    };
    void expire();
    bool countRepeat(const std::string& key);

    ClusterContext& m_context;
    std::deque<Recorded> m_recorded;                       // oldest first
    std::unordered_map<std::string, std::string> m_byKey;  // repeat key -> event name
};

}  // namespace meshlings::sim
