#include "simcluster/access_log.hpp"

#include <algorithm>

namespace meshlings::sim {

namespace {
constexpr std::size_t kMaxPaths = 256;  // distinct paths remembered; the rest print as one
}  // namespace

AccessLog::Slot AccessLog::open(const std::string& pod) {
    if (const auto it = m_byPod.find(pod); it != m_byPod.end()) return it->second;
    Slot slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = static_cast<Slot>(m_rings.size());
        m_rings.emplace_back();
    }
    m_rings[static_cast<std::size_t>(slot)].pod = pod;
    m_byPod.emplace(pod, slot);
    return slot;
}

void AccessLog::release(const std::string& pod) {
    const auto it = m_byPod.find(pod);
    if (it == m_byPod.end()) return;
    Ring& ring = m_rings[static_cast<std::size_t>(it->second)];
    ring = Ring{};
    m_free.push_back(it->second);
    m_byPod.erase(it);
}

void AccessLog::append(Slot slot, const AccessEntry& entry) {
    if (slot < 0) return;
    Ring& ring = m_rings[static_cast<std::size_t>(slot)];
    if (ring.pod.empty()) return;  // released: the pod is gone
    // The n-th entry written lives at index (n - 1) % kCapacity; `next` keeps that without a division.
    ++ring.written;
    if (ring.entries.size() < kCapacity) {
        ring.entries.push_back(entry);
        return;
    }
    ring.entries[ring.next] = entry;
    if (++ring.next == kCapacity) ring.next = 0;
}

const AccessLog::Ring* AccessLog::find(const std::string& pod) const {
    const auto it = m_byPod.find(pod);
    return it == m_byPod.end() ? nullptr : &m_rings[static_cast<std::size_t>(it->second)];
}

std::vector<AccessEntry> AccessLog::since(const std::string& pod, std::uint64_t after, std::uint64_t& first) const {
    std::vector<AccessEntry> out;
    const Ring* ring = find(pod);
    first = after + 1;
    if (ring == nullptr) return out;
    const std::uint64_t oldest = ring->written > kCapacity ? ring->written - kCapacity + 1 : 1;
    first = std::max(after + 1, oldest);
    for (std::uint64_t seq = first; seq <= ring->written; ++seq) {
        out.push_back(ring->entries[(seq - 1) % kCapacity]);
    }
    return out;
}

double AccessLog::inboundRate(const std::string& pod, Millis now, Millis window) const {
    const Ring* ring = find(pod);
    if (ring == nullptr || ring->entries.empty() || window <= 0) return 0;
    std::size_t inbound = 0;
    Millis earliest = now;
    for (const auto& entry : ring->entries) {
        const auto start = static_cast<Millis>(entry.start);
        if (start > now - window && start <= now) {
            inbound += entry.inbound ? 1 : 0;
            earliest = std::min(earliest, start);
        }
    }
    // A full ring may cover less than the window: the rate over what it covers.
    const bool full = ring->entries.size() == kCapacity;
    const Millis span = full && earliest > now - window ? std::max<Millis>(now - earliest, 1) : window;
    return static_cast<double>(inbound) * 1000.0 / static_cast<double>(span);
}

std::uint16_t AccessLog::pathId(const std::string& path) {
    if (m_lastPath < m_paths.size() && m_paths[m_lastPath] == path) return m_lastPath;  // the probe asks one page
    if (const auto it = m_pathIds.find(path); it != m_pathIds.end()) return m_lastPath = it->second;
    if (m_paths.size() >= kMaxPaths) return 0;
    if (m_paths.empty()) m_paths.emplace_back("/");  // id 0: any path past the limit
    const auto id = static_cast<std::uint16_t>(m_paths.size());
    m_paths.push_back(path);
    m_pathIds.emplace(path, id);
    m_lastPath = id;
    return id;
}

const std::string& AccessLog::path(std::uint16_t id) const {
    static const std::string kAny = "/";
    return id < m_paths.size() ? m_paths[id] : kAny;
}

}  // namespace meshlings::sim
