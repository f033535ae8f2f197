#pragma once
// Everyone else's traffic, read from Prometheus: a TrafficSource whose own
// thread runs Kiali's edge queries (kialiEdgeQueries) every poll and keeps
// each TelemetryReading for drain(). Prometheus down, slow or answering
// nonsense is a failed reading (the thread goes on and retries at the next
// poll), never an exception on the game's thread and never a wait there.
//
// Threads: start(), stop(), drain(), latest() from any thread; stop()
// returns within about 100 ms (a transfer in progress is aborted). At most
// kMaxKept readings wait; older ones go (only the newest matters).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "mesh/telemetry_options.hpp"
#include "mesh/telemetry_query.hpp"
#include "mesh/telemetry_reading.hpp"
#include "mesh/traffic_source.hpp"

namespace meshlings::mesh {

class TelemetrySource final : public TrafficSource {
public:
    static constexpr std::size_t kMaxKept = 8;

    // Throws std::invalid_argument for a bad URL or namespace (checked here, not on the thread).
    explicit TelemetrySource(TelemetryOptions options);
    ~TelemetrySource() override;
    TelemetrySource(const TelemetrySource&) = delete;
    TelemetrySource& operator=(const TelemetrySource&) = delete;

    std::string_view name() const override { return "prometheus"; }
    void start() override;
    void stop() override;
    bool running() const override { return m_running.load(); }
    TrafficBatch drain() override;

    // Reads both queries now on the calling thread (the poll's body; tests and tools use it directly).
    TelemetryReading readOnce();
    const TelemetryOptions& options() const { return m_options; }
    const std::vector<TelemetryQuery>& queries() const { return m_queries; }

private:
    void run();

    TelemetryOptions m_options;
    std::vector<TelemetryQuery> m_queries;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;  // m_readings, and the wait between polls
    std::condition_variable m_wake;
    std::deque<TelemetryReading> m_readings;
    std::mutex m_control;  // start/stop against each other
    std::thread m_thread;
};

}  // namespace meshlings::mesh
