#pragma once
// Turns the probe's samples (k8s/mesh: a PageVerdict per request) into the
// world's ProbeObserved commands: the page's outcome, the part that failed
// (PagePart mirrors world::Hop one to one), the reviews version and pod that
// answered, the latency in whole milliseconds. Stateless; the app calls it
// at each tick boundary on what Probe::drain() returned.
#include <vector>

#include "command.hpp"
#include "probe_sample.hpp"
#include "traffic_source.hpp"

namespace meshlings::bridge {

class ProbeTranslator {
public:
    static world::ProbeResult translate(const mesh::ProbeSample& sample);
    static world::ProbeObserved command(const mesh::ProbeSample& sample) { return {translate(sample)}; }
    // One ProbeObserved per request of the batch, in finishing order.
    static std::vector<world::Command> commands(const mesh::TrafficBatch& batch);

    static world::ProbeOutcome outcome(mesh::PageOutcome outcome);
    static world::Hop hop(mesh::PagePart part);
    static world::ReviewsVersion version(mesh::ReviewsVersion version);
};

}  // namespace meshlings::bridge
