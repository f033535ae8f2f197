#pragma once
// A tiny scripted Bookinfo for world tests: it answers the world's cluster
// requests the way the bridge will (an ApiResult, then the watch's pod and
// weights events a little later) and sends a probe result every few ticks,
// routed by the observed weights over the Ready pods. Deterministic from its
// seed (its own Rng); it only ever produces commands, as the real bridge does.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/rng.hpp"
#include "world/model/command.hpp"

namespace meshlings::world::test {

using common::kReviewsVersions;
using common::PageOutcome;
using common::PagePart;
using common::ReviewsVersion;
using common::reviewsVersionName;

class FakeBookinfo {
public:
    explicit FakeBookinfo(std::uint64_t seed, int probeEveryTicks = 12) : m_rng(seed), m_probeEvery(probeEveryTicks) {
        for (const char* d : {"productpage-v1", "details-v1", "reviews-v1", "reviews-v2", "reviews-v3", "ratings-v1"}) {
            addPod(d, 0, PodState::Ready);
        }
    }

    bool reviewsV3Broken = false;  // v3 answers errors: pages degraded at reviews

    // The commands the bridge would submit before the world's step at `now`.
    std::vector<Command> commandsAt(Tick now) {
        std::vector<Command> out;
        if (now.value == 0) {
            out.push_back(ConnectionChanged{ConnectionState::Connected, "", ""});
            for (const auto& [name, pod] : m_pods) out.push_back(PodUpserted{pod});
            out.push_back(WeightsObserved{m_weights});
        }
        for (auto it = m_scheduled.begin(); it != m_scheduled.end() && it->first <= now.value;) {
            apply(it->second);
            out.push_back(std::move(it->second));
            it = m_scheduled.erase(it);
        }
        if (now.value > 0 && now.value % m_probeEvery == 0) out.push_back(ProbeObserved{probe()});
        return out;
    }

    void execute(const ClusterRequest& r, Tick now) {
        const std::int64_t t = now.value;
        at(t + 6, ApiResult{r.id, ApiOutcome::Accepted, ""});
        switch (r.kind) {
            case ClusterRequestKind::DeletePod: {
                const auto it = m_pods.find(r.pod);
                if (it == m_pods.end()) return;
                PodObservation terminating = it->second;
                terminating.state = PodState::Terminating;
                at(t + 10, PodUpserted{terminating});
                at(t + 130, PodDeleted{r.pod});
                replacement(it->second.deployment, t + 12);
                break;
            }
            case ClusterRequestKind::SetWeights:
                at(t + 15, WeightsObserved{r.weights});
                break;
            case ClusterRequestKind::ScaleDeployment:
                at(t + 15, ReplicasObserved{r.deployment, r.replicas, r.replicas});
                break;
            case ClusterRequestKind::SetRetries:
            case ClusterRequestKind::SetTimeout:
            case ClusterRequestKind::SetConnectionPool:
            case ClusterRequestKind::SetOutlierDetection:
            case ClusterRequestKind::SetNodeKubelet:
                break;  // accepted; the fake's traffic does not model them
        }
    }

    void setWeights(const ReviewsWeights& w) { m_weights = w; }
    const std::map<std::string, PodObservation>& pods() const { return m_pods; }

private:
    void at(std::int64_t tick, Command c) { m_scheduled.emplace(tick, std::move(c)); }

    PodObservation& addPod(const std::string& deployment, std::int64_t created, PodState state) {
        PodObservation p;
        p.name = deployment + "-" + std::to_string(++m_serial);
        p.deployment = deployment;
        p.app = deployment.substr(0, deployment.find('-'));
        p.version = deployment.substr(deployment.find('-') + 1);
        p.state = state;
        p.totalContainers = 2;
        p.readyContainers = state == PodState::Ready ? 2 : 0;
        p.createdAtSeconds = 1'700'000'000 + created;
        return m_pods[p.name] = p;
    }

    void replacement(const std::string& deployment, std::int64_t t) {
        PodObservation p = addPod(deployment, t / kTicksPerSecond, PodState::Pending);
        m_pods.erase(p.name);  // it exists once the watch says so
        at(t, PodUpserted{p});
        p.state = PodState::ContainerCreating;
        at(t + 50, PodUpserted{p});
        p.state = PodState::RunningNotReady;
        p.readyContainers = 1;
        at(t + 150, PodUpserted{p});
        p.state = PodState::Ready;
        p.readyContainers = 2;
        at(t + 240, PodUpserted{p});
    }

    void apply(const Command& c) {
        if (const auto* up = std::get_if<PodUpserted>(&c)) m_pods[up->pod.name] = up->pod;
        if (const auto* gone = std::get_if<PodDeleted>(&c)) m_pods.erase(gone->pod);
        if (const auto* w = std::get_if<WeightsObserved>(&c)) m_weights = w->weights;
    }

    std::string readyPod(const std::string& deployment) const {
        for (const auto& [name, pod] : m_pods) {
            if (pod.deployment == deployment && pod.state == PodState::Ready) return name;
        }
        return {};
    }

    ReviewsVersion pickVersion() {
        if (!m_weights.defined) return kReviewsVersions[m_rng.below(3)];
        const auto roll = static_cast<int>(m_rng.below(100));
        int sum = 0;
        for (ReviewsVersion v : kReviewsVersions) {
            sum += m_weights.weightOf(v);
            if (roll < sum) return v;
        }
        return ReviewsVersion::V1;
    }

    ProbeResult probe() {
        ProbeResult p;
        p.latencyMs = 25 + static_cast<int>(m_rng.below(40));
        if (readyPod("productpage-v1").empty()) {
            p.outcome = PageOutcome::Failed;
            p.failedAt = PagePart::ProductPage;
            return p;
        }
        const ReviewsVersion v = pickVersion();
        const std::string pod = readyPod("reviews-" + std::string{reviewsVersionName(v)});
        if (readyPod("details-v1").empty()) {
            p.outcome = PageOutcome::Degraded;
            p.failedAt = PagePart::Details;
        }
        if (pod.empty() || (v == ReviewsVersion::V3 && reviewsV3Broken)) {
            p.outcome = PageOutcome::Degraded;
            p.failedAt = PagePart::Reviews;
            if (!pod.empty()) p.reviewsVersion = v;
            return p;
        }
        p.reviewsVersion = v;
        p.reviewsPod = pod;
        if (v != ReviewsVersion::V1) p.latencyMs += 20;
        return p;
    }

    common::Rng m_rng;
    int m_probeEvery;
    int m_serial = 0;
    std::map<std::string, PodObservation> m_pods;
    ReviewsWeights m_weights = ReviewsWeights::of(100, 0, 0);
    std::multimap<std::int64_t, Command> m_scheduled;
};

}  // namespace meshlings::world::test
