#include "simcluster/load_balancer.hpp"

#include <algorithm>

namespace meshlings::sim {

namespace {

constexpr std::size_t kMinimumRingSize = 1024;  // Envoy's ring_hash minimum_ring_size default

}  // namespace

std::uint64_t LoadBalancer::hash(const std::string& text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    // splitmix64's finaliser: FNV alone leaves the high bits, the ring's order, poorly mixed.
    h = (h ^ (h >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27U)) * 0x94d049bb133111ebULL;
    return h ^ (h >> 31U);
}

std::size_t LoadBalancer::active(std::int32_t host) const {
    std::size_t n = 0;
    for (const auto& [h, end] : m_inFlight) n += h == host ? 1 : 0;
    return n;
}

std::size_t LoadBalancer::pick(const std::int32_t* hosts, std::size_t count, std::size_t tried, double at,
                               const LoadBalancerPolicy& policy, common::Rng& rng) {
    const std::size_t first = tried < count ? tried : 0;
    const std::size_t choices = count - first;
    std::erase_if(m_inFlight, [&](const auto& entry) { return entry.second <= at; });
    switch (policy.kind) {
        case LoadBalancerPolicy::Kind::Random:
            return first + rng.below(choices);
        case LoadBalancerPolicy::Kind::RoundRobin:
            if (!m_roundStarted) {  // Envoy starts each balancer at a random host
                m_nextRound = rng.below(count);
                m_roundStarted = true;
            }
            return first + (m_nextRound++ % choices);
        case LoadBalancerPolicy::Kind::ConsistentHash:  // no hash key: a random host
            return first + rng.below(choices);
        case LoadBalancerPolicy::Kind::LeastRequest:
            break;
    }
    // Power of two choices: the first draw stands unless the second has fewer requests in flight.
    std::size_t candidate = first + rng.below(choices);
    if (choices > 1 && !m_inFlight.empty()) {
        const std::size_t sampled = first + rng.below(choices);
        if (active(hosts[sampled]) < active(hosts[candidate])) candidate = sampled;
    }
    return candidate;
}

std::size_t LoadBalancer::ringPick(const std::int32_t* hosts, std::size_t count, const std::string& key,
                                   const NameOf& nameOf) {
    std::vector<std::int32_t> set(hosts, hosts + count);
    std::sort(set.begin(), set.end());
    if (set != m_ringHosts) {
        m_ringHosts = set;
        m_ring.clear();
        const std::size_t perHost = (kMinimumRingSize + count - 1) / count;
        for (const std::int32_t host : set) {
            for (std::size_t i = 0; i < perHost; ++i)
                m_ring.emplace_back(hash(nameOf(host) + "_" + std::to_string(i)), host);
        }
        std::sort(m_ring.begin(), m_ring.end());
    }
    const std::uint64_t point = hash(key);
    auto it = std::lower_bound(m_ring.begin(), m_ring.end(), std::make_pair(point, INT32_MIN));
    if (it == m_ring.end()) it = m_ring.begin();
    return static_cast<std::size_t>(std::find(hosts, hosts + count, it->second) - hosts);
}

}  // namespace meshlings::sim
