#pragma once
// Envoy's circuit breakers for one upstream cluster of one sidecar (Istio
// makes a cluster per service and subset; every sidecar keeps its own
// counts): HTTP/1.1 connections, each carrying one request at a time, up to
// maxConnections; requests that find every connection busy wait in the
// pending queue up to http1MaxPendingRequests; more than http2MaxRequests
// in flight, a full queue, or more than maxRetries retries in flight is an
// overflow (503 UO at once). Concurrency is what is in flight on the model
// clock: each admitted request holds its connection until its answer.
#include <cstdint>
#include <vector>

#include "simcluster/connection_pool_policy.hpp"

namespace meshlings::sim {

class ConnectionPool {
public:
    // Where a request arriving at `at` (model ms) goes: to a connection at
    // `start` (`at`, or later after waiting for a connection), or nowhere.
    struct Admission {
        bool overflow = false;
        double start = 0;
        std::size_t connection = 0;
    };
    Admission admit(double at, const ConnectionPoolPolicy& policy);
    // The admitted request's answer came at `end`: its connection is free again.
    void release(const Admission& admission, double end, const ConnectionPoolPolicy& policy);
    // Whether a retry may start at `at`: fewer than maxRetries retries in flight.
    bool mayRetry(double at, const ConnectionPoolPolicy& policy);
    // A retry that started is in flight until `end`.
    void retrying(double end) { m_retriesUntil.push_back(end); }

    std::size_t connections() const { return m_connections.size(); }

private:
    struct Connection {
        double busyUntil = 0;
        std::int64_t requests = 0;  // served on this connection so far
    };
    std::vector<Connection> m_connections;
    std::vector<double> m_pendingUntil;  // when each queued request gets its connection
    std::vector<double> m_retriesUntil;  // when each retry in flight ends
};

}  // namespace meshlings::sim
