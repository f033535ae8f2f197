#include "simcluster/connection_pool.hpp"

#include <algorithm>
#include <limits>

namespace meshlings::sim {

namespace {

constexpr double kInUse = std::numeric_limits<double>::infinity();  // held by a request not answered yet

}  // namespace

ConnectionPool::Admission ConnectionPool::admit(double at, const ConnectionPoolPolicy& policy) {
    std::erase_if(m_pendingUntil, [&](double start) { return start <= at; });
    std::int64_t active = 0;
    std::size_t idle = m_connections.size();
    std::size_t soonest = m_connections.size();
    for (std::size_t i = 0; i < m_connections.size(); ++i) {
        const double busyUntil = m_connections[i].busyUntil;
        if (busyUntil > at) {
            ++active;
            if (soonest == m_connections.size() || busyUntil < m_connections[soonest].busyUntil) soonest = i;
        } else if (idle == m_connections.size()) {
            idle = i;
        }
    }
    // Envoy checks the requests breaker (requests on a connection) first, for every protocol.
    if (active >= policy.maxRequests) return {true, at, 0};
    if (idle < m_connections.size()) {
        m_connections[idle].busyUntil = kInUse;
        return {false, at, idle};
    }
    if (static_cast<std::int64_t>(m_connections.size()) < policy.maxConnections) {
        m_connections.push_back({kInUse, 0});
        return {false, at, m_connections.size() - 1};
    }
    if (static_cast<std::int64_t>(m_pendingUntil.size()) >= policy.maxPendingRequests) return {true, at, 0};
    if (soonest == m_connections.size() || m_connections[soonest].busyUntil == kInUse) return {true, at, 0};
    // Queued: the connection that frees first takes it.
    const double start = m_connections[soonest].busyUntil;
    m_connections[soonest].busyUntil = kInUse;
    m_pendingUntil.push_back(start);
    return {false, start, soonest};
}

void ConnectionPool::release(const Admission& admission, double end, const ConnectionPoolPolicy& policy) {
    Connection& connection = m_connections[admission.connection];
    connection.busyUntil = end;
    // maxRequestsPerConnection: the connection closes after its last request
    // and a fresh one takes its place in the count (no set-up cost modelled).
    if (policy.maxRequestsPerConnection > 0 && ++connection.requests >= policy.maxRequestsPerConnection)
        connection.requests = 0;
}

bool ConnectionPool::mayRetry(double at, const ConnectionPoolPolicy& policy) {
    std::erase_if(m_retriesUntil, [&](double end) { return end <= at; });
    return static_cast<std::int64_t>(m_retriesUntil.size()) < policy.maxRetries;
}

}  // namespace meshlings::sim
