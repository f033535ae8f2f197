#include "world/score/blast_radius.hpp"

namespace meshlings::world {
namespace {

const std::string kReviews = "reviews";

}  // namespace

void BlastRadius::observePod(Tick at, const PodObservation& pod) {
    PodFacts facts;
    facts.service = pod.app.empty() ? pod.deployment : pod.app;
    facts.version = common::reviewsVersionFromName(pod.version).value_or(common::ReviewsVersion::None);
    facts.ready = pod.state == PodState::Ready;
    const auto [it, added] = m_pods.try_emplace(pod.name, facts);
    if (!added) {
        tally(it->second, -1);
        it->second = std::move(facts);
    }
    tally(it->second, 1);
    measure(at);
}

void BlastRadius::podGone(Tick at, const std::string& name) {
    const auto it = m_pods.find(name);
    if (it != m_pods.end()) {
        tally(it->second, -1);
        m_pods.erase(it);
    }
    measure(at);
}

void BlastRadius::tally(const PodFacts& facts, int sign) {
    const auto change = [this, sign](const std::string& key) {
        const int count = (m_ready[key] += sign);
        if (count == 0 && key.find('/') != std::string::npos) m_ready.erase(key);
    };
    if (facts.ready) {
        change(facts.service);
        if (facts.service == kReviews && facts.version != common::ReviewsVersion::None) {
            change(kReviews + "/" + std::string{common::reviewsVersionName(facts.version)});
        }
    }
    const int pods = (m_podCount[facts.service] += sign);
    if (pods > 0) {
        m_ready.try_emplace(facts.service, 0);
    } else {
        m_podCount.erase(facts.service);
        m_ready.erase(facts.service);
    }
}

void BlastRadius::observeWeights(Tick at, const ReviewsWeights& weights) {
    m_weights = weights;
    measure(at);
}

void BlastRadius::startMeasuring(Tick at) {
    m_measuring = true;
    measure(at);
}

void BlastRadius::measure(Tick at) {
    measureOutages(at, m_ready);
    if (m_measuring) measureTraffic(at, m_ready);
}

void BlastRadius::measureOutages(Tick at, const std::map<std::string, int>& ready) {
    for (const auto& [service, count] : ready) {
        if (service.find('/') != std::string::npos) continue;
        int& size = m_size[service];
        if (count > size) size = count;
    }
    if (!m_measuring) return;
    for (const auto& [service, size] : m_size) {
        const auto found = ready.find(service);
        const int down = size - (found == ready.end() ? 0 : found->second);
        if (size == 0 || down <= 0) continue;
        const double percent = 100.0 * down / size;
        if (m_worstOutage &&
            (percent < m_worstOutage->percent || (percent == m_worstOutage->percent && down <= m_worstOutage->down))) {
            continue;
        }
        m_worstOutage = ServiceOutage{service, down, size, percent, at};
    }
}

void BlastRadius::measureTraffic(Tick at, const std::map<std::string, int>& ready) {
    const auto readyOf = [&ready](const std::string& key) {
        const auto found = ready.find(key);
        return found == ready.end() ? 0 : found->second;
    };
    double percent = 0;
    std::string versions;
    if (!m_weights.defined) {
        if (m_size.contains(kReviews) && m_size.at(kReviews) > 0 && readyOf(kReviews) == 0) {
            percent = 100;
            versions = "all";
        }
    } else {
        for (common::ReviewsVersion v : common::kReviewsVersions) {
            const std::string name{common::reviewsVersionName(v)};
            if (m_weights.weightOf(v) <= 0 || readyOf(kReviews + "/" + name) > 0) continue;
            percent += m_weights.weightOf(v);
            versions += (versions.empty() ? "" : "+") + name;
        }
    }
    if (percent <= 0 || (m_worstTraffic && percent <= m_worstTraffic->percent)) return;
    m_worstTraffic = DeadTraffic{percent, versions, at};
}

}  // namespace meshlings::world
