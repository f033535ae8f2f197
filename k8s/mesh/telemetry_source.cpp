#include "mesh/telemetry_source.hpp"

#include <chrono>

#include "mesh/prometheus_client.hpp"
#include "mesh/telemetry_error.hpp"

namespace meshlings::mesh {

TelemetrySource::TelemetrySource(TelemetryOptions options)
    : m_options(std::move(options)), m_queries(kialiEdgeQueries(m_options.ns, m_options.windowSeconds)) {
    PrometheusClient check(m_options.prometheusUrl);  // the URL's error now, on the caller's thread
}

TelemetrySource::~TelemetrySource() {
    stop();
}

void TelemetrySource::start() {
    const std::lock_guard lock(m_control);
    if (m_thread.joinable()) return;
    m_stop.store(false);
    m_running.store(true);
    m_thread = std::thread([this] { run(); });
}

void TelemetrySource::stop() {
    const std::lock_guard lock(m_control);
    if (!m_thread.joinable()) return;
    {
        const std::lock_guard wait(m_mutex);
        m_stop.store(true);
    }
    m_wake.notify_all();
    m_thread.join();
    m_running.store(false);
}

TrafficBatch TelemetrySource::drain() {
    TrafficBatch batch;
    const std::lock_guard lock(m_mutex);
    batch.telemetry.assign(std::make_move_iterator(m_readings.begin()), std::make_move_iterator(m_readings.end()));
    m_readings.clear();
    return batch;
}

TelemetryReading TelemetrySource::readOnce() {
    TelemetryReading reading;
    try {
        PrometheusClient client(m_options.prometheusUrl, &m_stop, m_options.timeoutMilliseconds);
        for (const TelemetryQuery& query : m_queries) {
            auto edges = client.edges(query);
            reading.edges.insert(reading.edges.end(), std::make_move_iterator(edges.begin()),
                                 std::make_move_iterator(edges.end()));
        }
        reading.ok = true;
    } catch (const TelemetryError& error) {
        reading = TelemetryReading{false, error.step(), error.what(), {}};
    } catch (const std::exception& error) {
        reading = TelemetryReading{false, "read", std::string("Prometheus read: ") + error.what(), {}};
    }
    return reading;
}

void TelemetrySource::run() {
    while (!m_stop.load()) {
        TelemetryReading reading = readOnce();
        std::unique_lock lock(m_mutex);
        if (m_stop.load()) break;
        m_readings.push_back(std::move(reading));
        while (m_readings.size() > kMaxKept) m_readings.pop_front();
        m_wake.wait_for(lock, std::chrono::milliseconds(m_options.pollMilliseconds), [this] { return m_stop.load(); });
    }
    m_running.store(false);
}

}  // namespace meshlings::mesh
