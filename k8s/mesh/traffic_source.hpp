#pragma once
// Where the game's traffic comes from, behind one small interface so the
// bridge treats every source alike: the probe (our own requests on the
// user's path) and the Prometheus reader (TelemetrySource: everyone else's
// traffic). A source runs on its own thread(s) from start() to
// stop(); the game thread calls drain() once per tick and gets everything
// observed since the last call. Owned by the bridge (or app), one per source.
#include <string_view>
#include <vector>

#include "mesh/probe_sample.hpp"
#include "mesh/telemetry_reading.hpp"

namespace meshlings::mesh {

// What a source observed since the last drain; a source leaves the others' fields empty.
struct TrafficBatch {
    std::vector<ProbeSample> requests;        // the probe: one per request it made, in finishing order
    std::vector<TelemetryReading> telemetry;  // the Prometheus reader: one per poll, oldest first
};

class TrafficSource {
public:
    virtual ~TrafficSource() = default;

    virtual std::string_view name() const = 0;  // "probe", "prometheus", ...
    // Begins observing; throws std::runtime_error when it cannot (no libcurl). Starting twice is a no-op.
    virtual void start() = 0;
    // Stops promptly (within about 100 ms); what was observed stays to drain. Idempotent.
    virtual void stop() = 0;
    virtual bool running() const = 0;
    // Everything observed since the last call, oldest first. Any thread; meant for the game's.
    virtual TrafficBatch drain() = 0;
};

}  // namespace meshlings::mesh
