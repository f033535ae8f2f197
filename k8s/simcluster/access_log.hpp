#pragma once
// What each sidecar of the built-in cluster would print as its access log:
// one compact entry per request it saw, inbound (the pod answered) or
// outbound (the pod called another service), kept per pod in a ring of the
// newest kCapacity entries. Lines are printed only when someone reads them
// (`kubectl logs -c istio-proxy`); the rings of a deleted pod are freed.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

// 24 bytes: a pod's 1,000 entries fit in 24 KB.
struct AccessEntry {
    std::uint32_t start = 0;   // model time (ms) the request started (wraps after 49 days)
    float durationMs = 0;      // until the last byte (Envoy's %DURATION%)
    std::int32_t peer = -1;    // the other side's endpoint (the mesh's id), -1: the gateway or none
    std::uint32_t page = 0;    // which page request this hop belongs to (one x-request-id)
    std::uint16_t path = 0;    // AccessLog::path() id
    std::int16_t code = 0;     // 0: the downstream went away first
    std::uint8_t flags = 0;    // the mesh's response-flag index
    std::uint8_t service = 0;  // the destination service (the mesh's index)
    std::uint8_t subset = 0;   // the destination subset's version number, 0: none
    bool inbound = false;      // this pod answered (else it called out)
};

class AccessLog {
public:
    static constexpr std::size_t kCapacity = 1000;  // newest entries kept per pod
    using Slot = std::int32_t;                      // a pod's ring; -1: none

    // The ring of `pod` (made on first use). Slots are reused after release().
    Slot open(const std::string& pod);
    // Frees the pod's ring when the pod is gone.
    void release(const std::string& pod);
    void append(Slot slot, const AccessEntry& entry);

    // The entries of `pod` written after its `after`-th (counting from 1),
    // oldest first; `first` is set to the number of the first one returned.
    std::vector<AccessEntry> since(const std::string& pod, std::uint64_t after, std::uint64_t& first) const;
    // Inbound requests per second over the last `window` before `now`
    // (estimated from the span the ring covers when it holds fewer).
    double inboundRate(const std::string& pod, Millis now, Millis window) const;

    std::uint16_t pathId(const std::string& path);
    const std::string& path(std::uint16_t id) const;

private:
    struct Ring {
        std::string pod;
        std::vector<AccessEntry> entries;  // circular once full
        std::uint64_t written = 0;
        std::size_t next = 0;  // where the next entry goes once the ring is full
    };
    const Ring* find(const std::string& pod) const;

    std::vector<Ring> m_rings;
    std::vector<Slot> m_free;
    std::unordered_map<std::string, Slot> m_byPod;
    std::vector<std::string> m_paths;
    std::unordered_map<std::string, std::uint16_t> m_pathIds;
    std::uint16_t m_lastPath = 0;
};

}  // namespace meshlings::sim
