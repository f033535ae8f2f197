#pragma once
// What feeds the world from outside, drained at each tick boundary into
// world commands: the ClusterBridge (informer events, API answers, the
// routing restore's notes), the Probe (one meshling per request), the
// TelemetrySource (--prometheus: everyone else's traffic) and, on a real
// cluster, the ConnectionDoctor's verdict on the first connection (and the
// ingress it found announced, where the probe then starts). Owns them all;
// their threads only fill queues. Nothing here touches the world.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/cluster_target.hpp"
#include "app/connection_doctor.hpp"
#include "bridge/cluster_bridge.hpp"
#include "mesh/probe.hpp"
#include "mesh/telemetry_source.hpp"
#include "world/model/command.hpp"

namespace meshlings::app {

class SourceDrain {
public:
    struct Drained {
        std::vector<world::Command> commands;
        std::vector<std::string> notes;  // for the banner and stderr
    };

    // `target` must outlive the drain; `routing` (may be null) is the bridge's way to change routing.
    SourceDrain(const ClusterTarget& target, double probeRate, bridge::RoutingGuard* routing);
    ~SourceDrain();
    SourceDrain(const SourceDrain&) = delete;
    SourceDrain& operator=(const SourceDrain&) = delete;

    // Starts the watches, the probe, the telemetry and (a real cluster) the doctor.
    void start();
    Drained drain();
    // Stops every source; a later drain() starts no probe. Idempotent.
    void stop();

    // The probe's rate (requests per second) from now on.
    void setProbeRate(double rate);
    // Null without a cluster configuration.
    bridge::ClusterBridge* bridge() const { return m_bridge.get(); }
    bool probing() const { return m_probe != nullptr; }
    bool readingTelemetry() const { return m_telemetry != nullptr; }
    std::size_t podsSeen() const { return m_podsSeen.size(); }
    mesh::ProbeCounters probeCounters() const;

private:
    void makeProbe(const std::string& ingressUrl);
    void drainDoctor(Drained& out);

    const ClusterTarget& m_target;
    double m_rate;
    std::unique_ptr<bridge::ClusterBridge> m_bridge;
    std::unique_ptr<mesh::Probe> m_probe;
    std::unique_ptr<mesh::TelemetrySource> m_telemetry;
    std::unique_ptr<ConnectionDoctor> m_doctor;
    std::vector<world::Command> m_pending;  // from start(), handed out by the next drain()
    std::set<std::string> m_podsSeen;
    bool m_stopped = false;
};

}  // namespace meshlings::app
