#pragma once
// Envoy's outlier detection for one upstream cluster of one sidecar (Istio
// makes a cluster per service and subset; every sidecar has its own
// detector): per endpoint, consecutive 5xx and gateway errors, ejection
// for base x times ejected (capped at max_ejection_time), returned at the
// first interval sweep after that, never more than maxEjectionPercent of the
// hosts ejected (one host always may be), and panic mode (every host used)
// when fewer than minHealthPercent are healthy. Sweeps are computed lazily
// from the model clock, on interval multiples from time 0.
#include <cstdint>
#include <unordered_map>

#include "simcluster/outlier_policy.hpp"

namespace meshlings::sim {

class OutlierDetector {
public:
    // Refreshes `endpoint` to `now` and says whether it is ejected.
    bool ejected(std::int32_t endpoint, Millis now, const OutlierPolicy& policy);
    // One attempt's answer from `endpoint` (a connect failure counts as 503,
    // a per-try timeout as 504: Envoy maps local-origin errors to 5xx).
    // `hosts` is the cluster's host count now.
    void report(std::int32_t endpoint, int code, Millis now, std::size_t hosts, const OutlierPolicy& policy);
    int timesEjected(std::int32_t endpoint) const;

private:
    struct Host {
        int consecutive5xx = 0;
        int consecutiveGateway = 0;
        bool ejected = false;
        Millis ejectedAt = 0;
        Millis unejectedAt = -1;
        Millis sweptTo = 0;  // sweeps up to here are applied
        int backoff = 0;     // Envoy's eject_time_backoff: times ejected, less one per healthy interval
        int ejections = 0;   // ejections in all (for tests and metrics)
    };
    void refresh(Host& host, Millis now, const OutlierPolicy& policy);
    void eject(Host& host, Millis now, std::size_t hosts, const OutlierPolicy& policy);

    std::unordered_map<std::int32_t, Host> m_hosts;
    int m_ejectedCount = 0;
};

}  // namespace meshlings::sim
