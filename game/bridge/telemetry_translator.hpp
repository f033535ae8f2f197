#pragma once
// Turns the Prometheus reader's readings (k8s/mesh: edges between
// workloads) into the world's TelemetryObserved commands: each workload to
// its place on the map (istio-ingressgateway the entrance, "<app>-<version>"
// its service or reviews version, an unknown destination its service),
// edges that land on the same walkway summed, rates in milli-requests per
// second, failure shares per mille. Edges the map has no place for (other
// namespaces' workloads, a service that is not Bookinfo's) are left out.
// Stateless; the app calls it at each tick boundary on what
// TelemetrySource::drain() returned.
#include <optional>
#include <string>
#include <vector>

#include "mesh/telemetry_reading.hpp"
#include "mesh/traffic_source.hpp"
#include "world/model/command.hpp"

namespace meshlings::bridge {

class TelemetryTranslator {
public:
    static world::TelemetryObserved translate(const mesh::TelemetryReading& reading);
    // One TelemetryObserved per reading of the batch, oldest first.
    static std::vector<world::Command> commands(const mesh::TrafficBatch& batch);

    // The map's node for a workload ("reviews-v2", "istio-ingressgateway"), or for `service` when the
    // workload is "unknown" (the request never reached a pod).
    static std::optional<world::MapNode> node(const std::string& workload, const std::string& service);
};

}  // namespace meshlings::bridge
