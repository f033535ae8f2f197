#pragma once
// One read of the mesh's telemetry: every edge both queries returned, or
// why the read failed (then `edges` is empty and the game shows
// "Prometheus down: <step>"). Plain value handed from the TelemetrySource's
// thread to the game's through drain().
#include <string>
#include <vector>

#include "mesh/edge_traffic.hpp"

namespace meshlings::mesh {

struct TelemetryReading {
    bool ok = false;
    std::string step;   // the failing step ("destination traffic", ...); empty when ok
    std::string error;  // the full message; empty when ok
    std::vector<EdgeTraffic> edges;
};

}  // namespace meshlings::mesh
