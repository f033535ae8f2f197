#pragma once
// What the controllers of the built-in cluster share: the store, the
// scheduler, the model's clock and random stream. Owned by Cluster; the
// controllers hold a reference and never outlive it.
#include <string>
#include <unordered_map>

#include "common/rng.hpp"
#include "simcluster/object_store.hpp"
#include "simcluster/scheduler.hpp"
#include "simcluster/sim_time.hpp"

namespace meshlings::sim {

struct ClusterContext {
    ClusterContext(std::uint64_t seed, std::int64_t epochUnixMillis, std::size_t watchHistory)
        : rng(seed),
          uidRng(seed ^ 0x5EED0000ULL),
          store([this] { return newUid(); }, watchHistory, [this] { return now; }),
          epoch(epochUnixMillis) {}

    common::Rng rng;     // controller and kubelet choices
    common::Rng uidRng;  // object uids, kept apart so they do not shift other choices
    ObjectStore store;
    Scheduler scheduler;
    std::int64_t epoch;  // wall-clock time (Unix ms) of model time 0
    Millis now = 0;
    // When each running pod's app starts answering (by pod uid), which its Ready
    // condition need not show without a readinessProbe: the kubelet writes it, the mesh reads it.
    std::unordered_map<std::string, Millis> appAnswersAt;

    std::int64_t unixNow() const { return epoch + now; }
    std::string timestamp() const { return rfc3339(unixNow()); }
    std::string newUid();
    // Kubernetes-style random name suffix ("x2x9k"): five characters from rng, from the alphabet without vowels.
    std::string nameSuffix();
};

}  // namespace meshlings::sim
