#pragma once
// Turns the probe's samples (k8s/mesh: a PageVerdict per request) into the
// world's ProbeObserved commands: the page's outcome, the part that failed
// (Ingress when a failure names none), the reviews version (None when the
// probe could not tell which) and pod that answered, the latency in whole
// milliseconds. Stateless; the app calls it at each tick boundary on what
// Probe::drain() returned.
#include <vector>

#include "mesh/probe_sample.hpp"
#include "mesh/traffic_source.hpp"
#include "world/model/command.hpp"

namespace meshlings::bridge {

class ProbeTranslator {
public:
    static world::ProbeResult translate(const mesh::ProbeSample& sample);
    static world::ProbeObserved command(const mesh::ProbeSample& sample) { return {translate(sample)}; }
    // One ProbeObserved per request of the batch, in finishing order.
    static std::vector<world::Command> commands(const mesh::TrafficBatch& batch);
};

}  // namespace meshlings::bridge
