#pragma once
// The probe's thread body: one libcurl multi handle driving every request
// in flight (connections are kept and reused between requests), a pool of
// request slots, and the open-model schedule. Each turn it starts what fell
// due (or counts it skipped when maxConcurrency requests are in flight),
// lets libcurl work, turns finished transfers into samples for the
// SampleQueue, and sleeps in curl_multi_poll until the next start, a socket
// event, or a wakeup from stop() or setRate(). Made and owned by the Probe;
// run() on the probe thread, wakeup() and setRate() from any thread.
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "mesh/curl_multi.hpp"
#include "mesh/probe_options.hpp"
#include "mesh/probe_request.hpp"
#include "mesh/sample_queue.hpp"
#include "mesh/start_schedule.hpp"

namespace meshlings::mesh {

class ProbeWorker {
public:
    // The longest a turn sleeps, so a stop flag is seen even if a wakeup is lost.
    static constexpr int kMaxPollMs = 50;

    // Throws std::runtime_error when libcurl cannot make its handles.
    ProbeWorker(ProbeOptions options, SampleQueue& queue);
    ~ProbeWorker();
    ProbeWorker(const ProbeWorker&) = delete;
    ProbeWorker& operator=(const ProbeWorker&) = delete;

    // Until `stop` is set; requests still in flight then are abandoned (no sample).
    void run(const std::atomic<bool>& stop);
    void wakeup() const { m_multi.wakeup(); }
    void setRate(double perSecond);
    double rate() const { return m_rate.load(); }

private:
    using TimePoint = StartSchedule::TimePoint;

    void startDue(TimePoint now);
    void start(TimePoint due, TimePoint now);
    void collectFinished();
    int pollTimeoutMs(TimePoint now) const;
    void abandonAll();

    ProbeOptions m_options;
    SampleQueue& m_queue;
    CurlSlist m_headers;  // before m_multi and the requests: they point into it
    CurlMulti m_multi;
    StartSchedule m_schedule;
    std::atomic<double> m_rate;
    std::vector<std::unique_ptr<ProbeRequest>> m_idle;
    std::vector<std::unique_ptr<ProbeRequest>> m_active;
    std::uint64_t m_sequence = 0;
};

}  // namespace meshlings::mesh
