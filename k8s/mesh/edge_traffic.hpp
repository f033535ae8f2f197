#pragma once
// One edge of the mesh as Prometheus measured it: requests per second from
// a source workload to a destination workload through a service, and how
// many of those per second failed (HTTP 5xx or an Envoy response flag other
// than "-"). `destination` is "unknown" for source-reported requests that
// never reached a pod (Kiali's query 0: UH, NC, NR). Plain value, any thread.
#include <string>

namespace meshlings::mesh {

struct EdgeTraffic {
    std::string source = "unknown";       // source_workload, e.g. productpage-v1
    std::string destination = "unknown";  // destination_workload, e.g. reviews-v2
    std::string service = "unknown";      // destination_service_name, e.g. reviews
    double rate = 0;                      // requests per second over the query's window
    double failureRate = 0;               // of `rate`: 5xx or response flags, per second

    double failureShare() const { return rate > 0 ? failureRate / rate : 0.0; }
    bool reachedPod() const { return destination != "unknown"; }
};

}  // namespace meshlings::mesh
