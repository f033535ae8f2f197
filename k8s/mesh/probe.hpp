#pragma once
// The probe: Meshlings' own requests on the user's path, `GET
// {ingress}/productpage` at a set rate like the `while true; do curl ...`
// loop of the Bookinfo walkthroughs, but open-model (starts stay on schedule
// however slow the answers; past maxConcurrency in flight a start is
// skipped and counted, never queued), on its own thread with libcurl's multi
// interface, connections reused. Every finished request is classified
// (PageClassifier) into a ProbeSample that waits for drain().
//
// Threads: start(), stop(), setRate(), drain() and counters() may be called
// from any thread (the game's, typically); the probe's thread only writes
// the SampleQueue. stop() returns within about 100 ms. Owned by whoever runs
// the session (the bridge or app); destroying it stops it.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "mesh/probe_counters.hpp"
#include "mesh/probe_options.hpp"
#include "mesh/sample_queue.hpp"
#include "mesh/traffic_source.hpp"

namespace meshlings::mesh {

class ProbeWorker;

class Probe final : public TrafficSource {
public:
    explicit Probe(ProbeOptions options);
    ~Probe() override;
    Probe(const Probe&) = delete;
    Probe& operator=(const Probe&) = delete;

    std::string_view name() const override { return "probe"; }
    void start() override;
    void stop() override;
    bool running() const override { return m_running.load(); }
    TrafficBatch drain() override { return TrafficBatch{m_queue.drain(), {}}; }

    // Requests per second from now on (levels double it); 0 pauses. Clamped to StartSchedule::kMaxRate.
    void setRate(double perSecond);
    double rate() const { return m_rate.load(); }
    ProbeCounters counters() const { return m_queue.counters(); }
    const ProbeOptions& options() const { return m_options; }
    // Why the probe's thread ended on its own (an exception), or empty.
    std::string lastError() const;

private:
    void run();

    ProbeOptions m_options;
    SampleQueue m_queue;
    std::atomic<double> m_rate;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_stop{false};
    std::mutex m_control;  // start/stop/setRate against each other
    std::unique_ptr<ProbeWorker> m_worker;
    std::thread m_thread;
    mutable std::mutex m_errorMutex;  // the probe's thread writes m_lastError while stop() may hold m_control
    std::string m_lastError;
};

}  // namespace meshlings::mesh
