#pragma once
// Envoy's host choice for one upstream cluster of one sidecar, by the
// DestinationRule's `loadBalancer`: LEAST_REQUEST (Istio's default; Envoy's
// power of two choices on the requests each host has in flight from this
// sidecar), ROUND_ROBIN (in turn, from a random start), RANDOM, and
// consistentHash (a ring of 1024 points hashed from pod names; a request
// without the hash key goes to a random host). Retries choose among the
// hosts not tried yet (Istio's previous_hosts).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/rng.hpp"
#include "simcluster/load_balancer_policy.hpp"

namespace meshlings::sim {

class LoadBalancer {
public:
    using NameOf = std::function<const std::string&(std::int32_t)>;

    // The index in `hosts` of the host for this attempt at `at` (model ms):
    // among hosts[tried..count) while some are untried, else among all. A
    // consistentHash policy here means the request carries no hash key.
    std::size_t pick(const std::int32_t* hosts, std::size_t count, std::size_t tried, double at,
                     const LoadBalancerPolicy& policy, common::Rng& rng);
    // consistentHash: the host on the ring after `key`'s point (ring points from nameOf(host)).
    std::size_t ringPick(const std::int32_t* hosts, std::size_t count, const std::string& key, const NameOf& nameOf);
    // The attempt sent to `host` is in flight until `end`.
    void inFlight(std::int32_t host, double end) { m_inFlight.emplace_back(host, end); }

    static std::uint64_t hash(const std::string& text);  // FNV-1a 64, mixed

private:
    std::size_t active(std::int32_t host) const;

    std::vector<std::pair<std::int32_t, double>> m_inFlight;  // host, end of an attempt
    std::uint64_t m_nextRound = 0;
    bool m_roundStarted = false;
    std::vector<std::int32_t> m_ringHosts;                       // the host set the ring was built for
    std::vector<std::pair<std::uint64_t, std::int32_t>> m_ring;  // point, host
};

}  // namespace meshlings::sim
