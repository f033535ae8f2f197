#pragma once
// A blocking reader of one Prometheus server's HTTP API: GET
// {base}/api/v1/query?query=... with libcurl (its own easy handle, timeouts
// set, the connection reused between queries), decoded into edges. Used by
// the TelemetrySource's thread only, never the game's. A server that cannot
// be reached, a timeout, or an answer that does not decode throws
// TelemetryError naming the query's step. `abort` (may be null), when it
// turns true, ends a transfer in progress within about 100 ms.
#include <atomic>
#include <string>
#include <vector>

#include "mesh/curl_multi.hpp"
#include "mesh/edge_traffic.hpp"
#include "mesh/telemetry_query.hpp"

namespace meshlings::mesh {

class PrometheusClient {
public:
    // `baseUrl` like http://127.0.0.1:9090 (a trailing slash is dropped). Throws std::invalid_argument when
    // it is not http:// or https://.
    explicit PrometheusClient(std::string baseUrl, const std::atomic<bool>* abort = nullptr, long timeoutMs = 5000);

    std::vector<EdgeTraffic> edges(const TelemetryQuery& query);
    // The raw answer's body (any HTTP status: Prometheus explains errors in JSON). Throws when unreachable.
    std::string get(const TelemetryQuery& query);
    const std::string& baseUrl() const { return m_base; }

private:
    std::string m_base;
    const std::atomic<bool>* m_abort;
    long m_timeoutMs;
    CurlEasy m_easy;
};

}  // namespace meshlings::mesh
