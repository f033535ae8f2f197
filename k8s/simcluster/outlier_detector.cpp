#include "simcluster/outlier_detector.hpp"

#include <algorithm>

namespace meshlings::sim {

namespace {

// The first sweep at or after `t`.
Millis sweepAtOrAfter(Millis t, Millis interval) {
    return (t + interval - 1) / interval * interval;
}

}  // namespace

void OutlierDetector::refresh(Host& host, Millis now, const OutlierPolicy& policy) {
    if (now <= host.sweptTo) return;
    if (host.ejected) {
        const Millis ejection =
            std::min(policy.baseEjectionTime * host.backoff, std::max(policy.baseEjectionTime, policy.maxEjectionTime));
        const Millis back = sweepAtOrAfter(host.ejectedAt + ejection, policy.interval);
        if (now < back) {
            host.sweptTo = now;
            return;
        }
        host.ejected = false;
        host.unejectedAt = back;
        host.sweptTo = back;
        --m_ejectedCount;
    }
    if (host.backoff > 0 && host.unejectedAt >= 0) {
        // Each sweep while healthy, once base_ejection_time has passed since the
        // host returned, takes one off the multiplier.
        const Millis from = std::max(host.sweptTo, host.unejectedAt + policy.baseEjectionTime - 1);
        if (now > from) {
            const auto sweeps = static_cast<int>(now / policy.interval - from / policy.interval);
            host.backoff = std::max(0, host.backoff - sweeps);
        }
    }
    host.sweptTo = now;
}

bool OutlierDetector::ejected(std::int32_t endpoint, Millis now, const OutlierPolicy& policy) {
    const auto it = m_hosts.find(endpoint);
    if (it == m_hosts.end()) return false;
    refresh(it->second, now, policy);
    return it->second.ejected;
}

void OutlierDetector::eject(Host& host, Millis now, std::size_t hosts, const OutlierPolicy& policy) {
    // Envoy: the first ejection always happens; later ones only while the
    // ejected share, this host included, stays within maxEjectionPercent.
    const double share =
        100.0 * static_cast<double>(m_ejectedCount + 1) / static_cast<double>(std::max<std::size_t>(hosts, 1));
    if (m_ejectedCount > 0 && share > static_cast<double>(policy.maxEjectionPercent)) return;
    host.ejected = true;
    host.ejectedAt = now;
    if (policy.baseEjectionTime * host.backoff < policy.maxEjectionTime) ++host.backoff;
    ++host.ejections;
    ++m_ejectedCount;
}

void OutlierDetector::report(std::int32_t endpoint, int code, Millis now, std::size_t hosts,
                             const OutlierPolicy& policy) {
    Host& host = m_hosts[endpoint];
    refresh(host, now, policy);
    if (code < 500 || code > 599) {
        host.consecutive5xx = 0;
        host.consecutiveGateway = 0;
        return;
    }
    if (host.ejected) return;  // answers still arriving from before the ejection
    const bool gateway = code >= 502 && code <= 504;
    host.consecutiveGateway = gateway ? host.consecutiveGateway + 1 : 0;
    ++host.consecutive5xx;
    if (policy.consecutiveGateway > 0 && gateway && host.consecutiveGateway >= policy.consecutiveGateway) {
        host.consecutiveGateway = 0;
        eject(host, now, hosts, policy);
    }
    if (!host.ejected && policy.consecutive5xx > 0 && host.consecutive5xx >= policy.consecutive5xx) {
        host.consecutive5xx = 0;
        eject(host, now, hosts, policy);
    }
}

int OutlierDetector::timesEjected(std::int32_t endpoint) const {
    const auto it = m_hosts.find(endpoint);
    return it == m_hosts.end() ? 0 : it->second.ejections;
}

}  // namespace meshlings::sim
