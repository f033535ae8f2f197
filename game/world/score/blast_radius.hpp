#pragma once
// How far the chaos reached (principlesofchaos.org "minimize blast radius";
// Gremlin's glossary), in two figures kept from the first disruptive action
// to the end of the session:
//   - the worst outage of one service: most of its Ready pods missing at
//     once, against the most Ready pods it had at once so far (its size);
//   - the most reviews traffic weighted onto versions with no Ready pod (with
//     no VirtualService, Kubernetes spreads over Ready pods only: 100 % when
//     reviews has none, else 0).
// A service is a pod's `app` label. Fed pod and weight observations from the
// start (to learn the sizes); owned by the ResilienceScore.
#include <map>
#include <optional>
#include <string>

#include "world/model/pod_observation.hpp"
#include "world/model/reviews_weights.hpp"
#include "world/model/tick.hpp"

namespace meshlings::world {

struct ServiceOutage {
    std::string service;  // "details"
    int down = 0;         // Ready pods missing
    int of = 0;           // the service's size then
    double percent = 0;   // 100 * down / of
    Tick at;              // first reached
};

struct DeadTraffic {
    double percent = 0;    // of reviews traffic
    std::string versions;  // "v3" or "v1+v3", or "all" (round robin)
    Tick at;               // first reached
};

class BlastRadius {
public:
    void observePod(Tick at, const PodObservation& pod);
    void podGone(Tick at, const std::string& name);
    void observeWeights(Tick at, const ReviewsWeights& weights);
    // Chaos starts: from now on outages and dead traffic are recorded.
    void startMeasuring(Tick at);

    // nullopt: no service lost a Ready pod while measuring.
    const std::optional<ServiceOutage>& worstOutage() const { return m_worstOutage; }
    // nullopt: no traffic was ever weighted onto a version without Ready pods.
    const std::optional<DeadTraffic>& worstDeadTraffic() const { return m_worstTraffic; }

private:
    struct PodFacts {
        std::string service;
        common::ReviewsVersion version = common::ReviewsVersion::None;
        bool ready = false;
    };

    // Adds (sign 1) or takes away (-1) one pod's part of m_ready and m_podCount.
    void tally(const PodFacts& facts, int sign);
    void measure(Tick at);
    void measureOutages(Tick at, const std::map<std::string, int>& ready);
    void measureTraffic(Tick at, const std::map<std::string, int>& ready);

    std::map<std::string, PodFacts> m_pods;
    // Kept as pods come and go, so a pod line costs O(log pods), not a pass over
    // every pod (a replay of 20,000 pod lines took 17.5 s): Ready pods per
    // service (a key for every service with a pod) and per "reviews/v1".. (a
    // key while it has one); pods per service.
    std::map<std::string, int> m_ready;
    std::map<std::string, int> m_podCount;
    std::map<std::string, int> m_size;  // service -> most Ready pods seen at once
    ReviewsWeights m_weights;
    bool m_measuring = false;
    std::optional<ServiceOutage> m_worstOutage;
    std::optional<DeadTraffic> m_worstTraffic;
};

}  // namespace meshlings::world
